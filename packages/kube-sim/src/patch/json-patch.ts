// RFC 6902 JSON patch (add, remove, replace, move, copy, test) over JSON pointers.

import { ApiError } from '../api/status.js';

type Container = Record<string, unknown> | unknown[];

function fail(message: string): ApiError {
  return new ApiError(422, 'Invalid', message);
}

function parsePointer(p: string): string[] {
  if (p === '') return [];
  if (!p.startsWith('/')) throw fail(`invalid JSON pointer "${p}"`);
  return p
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function walk(doc: unknown, parts: string[], path: string): Container {
  let cur: unknown = doc;
  for (const part of parts) {
    if (Array.isArray(cur)) cur = cur[Number(part)];
    else if (cur !== null && typeof cur === 'object') cur = (cur as Record<string, unknown>)[part];
    else cur = undefined;
    if (cur === undefined) throw fail(`doc is missing path: "${path}": missing value`);
  }
  if (cur === null || typeof cur !== 'object') throw fail(`doc is missing path: "${path}"`);
  return cur as Container;
}

function getAt(doc: unknown, path: string): unknown {
  const parts = parsePointer(path);
  const last = parts.pop();
  if (last === undefined) return doc;
  const parent = walk(doc, parts, path);
  const v = Array.isArray(parent) ? parent[Number(last)] : parent[last];
  if (v === undefined) throw fail(`doc is missing path: "${path}": missing value`);
  return v;
}

function removeAt(doc: unknown, path: string): unknown {
  const parts = parsePointer(path);
  const last = parts.pop();
  if (last === undefined) throw fail('cannot remove the document root');
  const parent = walk(doc, parts, path);
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!Number.isInteger(i) || i < 0 || i >= parent.length) throw fail(`doc is missing path: "${path}"`);
    return parent.splice(i, 1)[0];
  }
  if (!(last in parent)) throw fail(`doc is missing path: "${path}": missing value`);
  const v = parent[last];
  delete parent[last];
  return v;
}

function addAt(doc: unknown, path: string, value: unknown, replace: boolean): unknown {
  const parts = parsePointer(path);
  const last = parts.pop();
  if (last === undefined) return structuredClone(value);
  const parent = walk(doc, parts, path);
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(i) || i < 0 || i > parent.length - (replace ? 1 : 0)) {
      throw fail(`add operation does not apply: doc is missing path: "${path}"`);
    }
    parent.splice(i, replace ? 1 : 0, structuredClone(value));
  } else {
    if (replace && !(last in parent)) throw fail(`replace operation does not apply: doc is missing key: ${path}`);
    parent[last] = structuredClone(value);
  }
  return doc;
}

/** Apply a JSON patch (an array of operations) to a document, returning the new document. */
export function jsonPatch(document: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new ApiError(400, 'BadRequest', 'json patch must be an array of operations');
  let doc = structuredClone(document);
  for (const raw of ops) {
    const op = raw as { op?: string; path?: string; from?: string; value?: unknown };
    const path = op.path ?? '';
    switch (op.op) {
      case 'add':
        doc = addAt(doc, path, op.value, false);
        break;
      case 'replace':
        doc = addAt(doc, path, op.value, true);
        break;
      case 'remove':
        removeAt(doc, path);
        break;
      case 'move': {
        const v = removeAt(doc, op.from ?? '');
        doc = addAt(doc, path, v, false);
        break;
      }
      case 'copy':
        doc = addAt(doc, path, getAt(doc, op.from ?? ''), false);
        break;
      case 'test':
        if (JSON.stringify(getAt(doc, path)) !== JSON.stringify(op.value)) {
          throw fail(`testing value ${path} failed: test failed`);
        }
        break;
      default:
        throw new ApiError(400, 'BadRequest', `unexpected json patch operation "${String(op.op)}"`);
    }
  }
  return doc;
}
