/** DNS-1123 names, container images and quantities as zod fields: checked before anything reaches the API. */
import { z } from 'zod';

/** A DNS-1123 label: lower-case alphanumerics and '-', starting and ending alphanumeric, at most 63 characters. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** An image reference: registry/path:tag or @sha256 digest, no spaces or shell characters. */
export const IMAGE_REFERENCE =
  /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*(:[\w][\w.-]{0,127})?(@sha256:[a-f0-9]{64})?$/;

/** A resource quantity such as 250m, 0.5, 128Mi or 1G. */
export const QUANTITY = /^[0-9]+(\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/;

/** An environment variable name as Kubernetes accepts it. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * A string checked against a pattern with a refinement rather than `.regex()`: the rule is enforced the same
 * way, but the pattern stays out of `tools/list` (DESIGN §4: no huge regex patterns in the listing).
 */
export function patternString(max: number, pattern: RegExp, rule: string) {
  // No .min(1): every pattern here needs a first character, and minLength would only add tokens.
  return z
    .string()
    .max(max)
    .refine((value) => pattern.test(value), { message: rule });
}

/** A namespace field: a DNS-1123 label. */
export const namespaceField = patternString(
  63,
  DNS1123_LABEL,
  'must be a DNS-1123 label (a-z, 0-9, "-"), e.g. "demo"',
).describe('Namespace.');

/** A workload (Deployment) name field: a DNS-1123 label, so its Service can share it. */
export const workloadNameField = patternString(
  63,
  DNS1123_LABEL,
  'must be a DNS-1123 label (a-z, 0-9, "-"), e.g. "web"',
).describe('Deployment name.');

/** A pod name field: a DNS-1123 subdomain of at most 253 characters. */
export const podNameField = patternString(
  253,
  /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/,
  'must be a DNS-1123 subdomain, e.g. "web-7d9f8-x2x4q"',
);

/** A container image field. */
export const imageField = patternString(
  255,
  IMAGE_REFERENCE,
  'must be an image reference without spaces, e.g. "ghcr.io/acme/web:1.4.2"',
).describe('Container image.');

/** A resource quantity field. */
export const quantityField = (what: string) =>
  patternString(16, QUANTITY, 'must be a Kubernetes quantity, e.g. "250m" or "128Mi"')
    .describe(what)
    .meta({ examples: ['250m'] });
