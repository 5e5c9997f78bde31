/** JSON Patch (RFC 6902) add, replace and remove: the patch form the Kustomize overlays use. */

/** One JSON Patch operation of the supported subset. */
export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: unknown;
}

/** A JSON Patch the renderer cannot apply (bad path, unsupported op). */
export class JsonPatchError extends Error {
  override name = 'JsonPatchError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a patch document into operations, refusing ops outside add/replace/remove. */
export function parsePatch(doc: unknown): PatchOperation[] {
  if (!Array.isArray(doc)) throw new JsonPatchError('a JSON 6902 patch must be a list of operations');
  return doc.map((entry) => {
    if (!isRecord(entry)) throw new JsonPatchError('a patch operation must be an object');
    const { op, path, value } = entry;
    if (op !== 'add' && op !== 'replace' && op !== 'remove') throw new JsonPatchError(`unsupported op ${String(op)}`);
    if (typeof path !== 'string' || !path.startsWith('/')) throw new JsonPatchError(`bad path ${String(path)}`);
    return op === 'remove' ? { op, path } : { op, path, value };
  });
}

const decodeToken = (token: string) => token.replace(/~1/g, '/').replace(/~0/g, '~');

/** Applies operations in order to a deep copy of the target and returns the copy. */
export function applyPatch<T>(target: T, operations: readonly PatchOperation[]): T {
  const copy = structuredClone(target);
  for (const operation of operations) {
    const tokens = operation.path.slice(1).split('/').map(decodeToken);
    const last = tokens.pop();
    if (last === undefined) throw new JsonPatchError('the root cannot be patched');
    let parent: unknown = copy;
    for (const token of tokens) {
      parent = Array.isArray(parent) ? parent[Number(token)] : isRecord(parent) ? parent[token] : undefined;
      if (parent === undefined) throw new JsonPatchError(`path ${operation.path} does not exist`);
    }
    applyAt(parent, last, operation);
  }
  return copy;
}

function applyAt(parent: unknown, key: string, operation: PatchOperation): void {
  if (Array.isArray(parent)) {
    const index = key === '-' ? parent.length : Number(key);
    if (!Number.isInteger(index) || index < 0 || index > parent.length)
      throw new JsonPatchError(`index ${key} is out of range in ${operation.path}`);
    if (operation.op === 'add') parent.splice(index, 0, operation.value);
    else if (index >= parent.length) throw new JsonPatchError(`path ${operation.path} does not exist`);
    else if (operation.op === 'replace') parent[index] = operation.value;
    else parent.splice(index, 1);
    return;
  }
  if (!isRecord(parent)) throw new JsonPatchError(`path ${operation.path} does not exist`);
  if (operation.op !== 'add' && !(key in parent)) throw new JsonPatchError(`path ${operation.path} does not exist`);
  if (operation.op === 'remove') delete parent[key];
  else parent[key] = operation.value;
}
