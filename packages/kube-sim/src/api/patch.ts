// PATCH: merge, strategic merge and JSON patch computed against the live object, then stored as an update.

import { load } from 'js-yaml';
import type { ResourceInfo } from '../model/resources.js';
import type { KubeObject } from '../model/types.js';
import { jsonMergePatch } from '../patch/json-merge.js';
import { jsonPatch } from '../patch/json-patch.js';
import { strategicMerge } from '../patch/strategic-merge.js';
import { schemaNamed } from '../schema/openapi.js';
import { parseJson } from './http-util.js';
import { ApiError, badRequest } from './status.js';

/** The patch content types the server accepts. */
export const PATCH_TYPES = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

/** Which patch type a Content-Type header names. */
export function patchKind(contentType: string | undefined): keyof typeof PATCH_TYPES {
  const ct = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  for (const [k, v] of Object.entries(PATCH_TYPES)) if (ct === v) return k as keyof typeof PATCH_TYPES;
  throw new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${Object.values(PATCH_TYPES).join(', ')}`,
  );
}

/** Parse an apply body (YAML or JSON). */
export function parseApplyBody(text: string): unknown {
  try {
    return load(text);
  } catch (e) {
    throw badRequest(`error decoding YAML: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Compute the patched object for merge, strategic and JSON patches. */
export function applyPatch(
  r: ResourceInfo,
  live: KubeObject,
  kind: 'json' | 'merge' | 'strategic',
  text: string,
  schemaName?: string,
): KubeObject {
  const patch = parseJson(text);
  let out: unknown;
  if (kind === 'json') out = jsonPatch(live, patch);
  else if (kind === 'merge') out = jsonMergePatch(live, patch);
  else {
    if (patch === null || typeof patch !== 'object' || Array.isArray(patch))
      throw badRequest('strategic merge patch must be a JSON object');
    out = strategicMerge(live, patch, schemaNamed(schemaName ?? r.schema));
  }
  if (out === null || typeof out !== 'object' || Array.isArray(out))
    throw badRequest('the patch produced a value that is not an object');
  return out as KubeObject;
}
