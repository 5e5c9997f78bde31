// Small HTTP helpers: JSON responses, Status errors, body reading.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './status.js';

/** Largest request body accepted (3 MiB, like the real API server's limit). */
const MAX_BODY = 3 * 1024 * 1024;

/** Send a JSON response. */
export function sendJson(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', ...headers });
  res.end(text);
}

/** Send any thrown value as a metav1.Status. */
export function sendError(res: ServerResponse, err: unknown): void {
  const e =
    err instanceof ApiError
      ? err
      : new ApiError(
          500,
          'InternalError',
          `Internal error occurred: ${err instanceof Error ? err.message : String(err)}`,
        );
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, e.code, e.toStatus(), e.headers);
}

/** Read the whole request body as text. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_BODY) throw new ApiError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parse a JSON body; 400 BadRequest when malformed. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') throw new ApiError(400, 'BadRequest', 'the request body is empty');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ApiError(
      400,
      'BadRequest',
      `couldn't get version/kind; json parse error: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}
