// Opaque list continue tokens: the resourceVersion of the first page, the last key served and when it was issued.

import { ApiError } from './status.js';

/** The separator real continue tokens put after the last key. */
const NUL = String.fromCharCode(0);

/** Tokens older than this are expired (a real API server's etcd compaction window is 5 minutes). */
export const CONTINUE_TTL_MS = 5 * 60_000;

interface TokenBody {
  v: 'meta.k8s.io/v1';
  rv: number;
  start: string;
  t: number;
}

/** Encode a continue token. */
export function encodeContinue(rv: number, lastKey: string): string {
  const body: TokenBody = { v: 'meta.k8s.io/v1', rv, start: `${lastKey}${NUL}`, t: Date.now() };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

function expired(): ApiError {
  return new ApiError(
    410,
    'Expired',
    'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
  );
}

/** Decode a continue token; throws 410 Expired when it is invalid, too old or compacted away. */
export function decodeContinue(token: string, compactedRevision: number): { rv: number; startAfter: string } {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw expired();
  }
  if (body === null || typeof body !== 'object') throw expired();
  const b = body as Partial<TokenBody>;
  if (b.v !== 'meta.k8s.io/v1' || typeof b.rv !== 'number' || typeof b.start !== 'string' || typeof b.t !== 'number') {
    throw expired();
  }
  if (b.rv <= compactedRevision || Date.now() - b.t > CONTINUE_TTL_MS) throw expired();
  return { rv: b.rv, startAfter: b.start.endsWith(NUL) ? b.start.slice(0, -1) : b.start };
}
