/** Builds the server-side-apply manifests of deploy_service from its few validated fields. */
import { ToolError } from '@bulkhead/core';
import type { Deployment } from './k8s-objects.js';
import type { SchemaViolation } from './openapi-schema.js';

/** The fields deploy_service takes, already validated. */
export interface DeploySpec {
  readonly namespace: string;
  readonly name: string;
  readonly image: string;
  readonly replicas: number;
  readonly env?: ReadonlyArray<{ name: string; value: string }> | undefined;
  readonly port?: number | undefined;
  readonly resources?:
    | {
        cpu_request?: string | undefined;
        memory_request?: string | undefined;
        cpu_limit?: string | undefined;
        memory_limit?: string | undefined;
      }
    | undefined;
}

/** The label every Deployment this server creates is selected by. */
export const NAME_LABEL = 'app.kubernetes.io/name';

/** The label naming this server as the manager. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

/**
 * The apply manifest. An existing Deployment keeps its selector and its single container's name, since a
 * selector is immutable and apply merges containers by name.
 */
export function deploymentManifest(spec: DeploySpec, existing?: Deployment): Record<string, unknown> {
  const matchLabels = existing?.spec?.selector?.matchLabels ?? { [NAME_LABEL]: spec.name };
  const containers = existing?.spec?.template.spec?.containers ?? [];
  const containerName = containers.length === 1 && containers[0] ? containers[0].name : spec.name;
  const labels = { ...matchLabels, [MANAGED_BY_LABEL]: 'bulkhead-k8s' };
  const container: Record<string, unknown> = { name: containerName, image: spec.image };
  if (spec.env && spec.env.length > 0) container.env = spec.env.map((e) => ({ name: e.name, value: e.value }));
  if (spec.port !== undefined) container.ports = [{ name: 'http', containerPort: spec.port, protocol: 'TCP' }];
  const resources = resourceRequirements(spec.resources);
  if (resources) container.resources = resources;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: spec.name, namespace: spec.namespace, labels },
    spec: {
      replicas: spec.replicas,
      selector: { matchLabels },
      template: { metadata: { labels }, spec: { containers: [container] } },
    },
  };
}

/** The apply manifest of a ClusterIP Service in front of the Deployment's pods. */
export function serviceManifest(
  spec: DeploySpec,
  port: number,
  selector: Record<string, string>,
): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: spec.name, namespace: spec.namespace, labels: { [MANAGED_BY_LABEL]: 'bulkhead-k8s' } },
    spec: { type: 'ClusterIP', selector, ports: [{ name: 'http', port, targetPort: port, protocol: 'TCP' }] },
  };
}

function resourceRequirements(r: DeploySpec['resources']): Record<string, Record<string, string>> | undefined {
  if (!r) return undefined;
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  if (r.cpu_request) requests.cpu = r.cpu_request;
  if (r.memory_request) requests.memory = r.memory_request;
  if (r.cpu_limit) limits.cpu = r.cpu_limit;
  if (r.memory_limit) limits.memory = r.memory_limit;
  const out: Record<string, Record<string, string>> = {};
  if (Object.keys(requests).length > 0) out.requests = requests;
  if (Object.keys(limits).length > 0) out.limits = limits;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** How many schema violations one error names. */
const MAX_NAMED_VIOLATIONS = 5;

/** INVALID_ARGUMENT naming the paths where a manifest breaks the Kubernetes OpenAPI schema; nothing was sent. */
export function manifestSchemaError(kind: string, violations: readonly SchemaViolation[]): ToolError {
  const named = violations.slice(0, MAX_NAMED_VIOLATIONS).map((v) => `${v.path || '(root)'} ${v.message}`);
  const more = violations.length > named.length ? ` (and ${violations.length - named.length} more)` : '';
  return new ToolError(
    'INVALID_ARGUMENT',
    `The ${kind} manifest built from these arguments does not match the Kubernetes OpenAPI schema: ${named.join('; ')}${more}. Nothing was sent to the cluster; fix the argument behind that path.`,
    {
      retryable: false,
      details: {
        kind,
        issues: violations.slice(0, MAX_NAMED_VIOLATIONS).map((v) => ({ field: v.path, rule: v.rule })),
      },
    },
  );
}
