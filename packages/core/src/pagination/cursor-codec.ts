/** Opaque, signed, expiring pagination cursors bound to a tool and its filter arguments (DESIGN §8). */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ToolError } from '../errors/tool-error.js';
import { canonicalHash } from '../util/canonical-json.js';

/** The longest cursor accepted or produced, in characters (matches {@link cursorField}). */
export const MAX_CURSOR_LENGTH = 1024;

/** How long a cursor stays valid unless configured otherwise: 15 minutes. */
export const DEFAULT_CURSOR_TTL_MS = 15 * 60 * 1000;

/** Options of {@link createCursorCodec}. */
export interface CursorCodecOptions {
  /** The HMAC key (from config); never reaches the model. */
  secret: string;
  /** How long an issued cursor stays valid; defaults to {@link DEFAULT_CURSOR_TTL_MS}. */
  ttlMs?: number;
  /** The clock, injectable for tests; defaults to `Date.now`. */
  now?: () => number;
}

/** Encodes page positions into cursors and decodes them back, refusing foreign, tampered or expired ones. */
export interface CursorCodec {
  /** Issues a cursor for `position` that only `tool` with the same `filter` accepts. */
  encode(tool: string, filter: unknown, position: unknown): string;
  /** Returns the position inside `cursor`, or throws `INVALID_CURSOR`. */
  decode(tool: string, filter: unknown, cursor: string): unknown;
}

const CURSOR_VERSION = 1;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

const MESSAGES = {
  malformed: 'This cursor is damaged or was not issued by this server; start again without cursor.',
  foreign:
    'This cursor is not valid for this tool and these filters; start again without cursor, or repeat the exact filters it was issued with.',
  expired: 'This cursor has expired; start again without cursor.',
} as const;

type Reason = keyof typeof MESSAGES;

interface CursorPayload {
  v: number;
  t: string;
  f: string;
  p: unknown;
  e: number;
}

function invalidCursor(reason: Reason): ToolError {
  return new ToolError('INVALID_CURSOR', MESSAGES[reason], { retryable: false, details: { field: 'cursor' } });
}

function isPayload(value: unknown): value is CursorPayload {
  if (value === null || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  return (
    record.v === CURSOR_VERSION &&
    typeof record.t === 'string' &&
    typeof record.f === 'string' &&
    typeof record.e === 'number' &&
    Number.isFinite(record.e)
  );
}

function parsePayload(encoded: string): CursorPayload | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    return isPayload(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Creates a cursor codec signing with HMAC-SHA256 under `secret`. */
export function createCursorCodec(options: CursorCodecOptions): CursorCodec {
  const { secret } = options;
  const ttlMs = options.ttlMs ?? DEFAULT_CURSOR_TTL_MS;
  const now = options.now ?? Date.now;
  if (secret.length === 0) throw new Error('createCursorCodec: secret must not be empty');
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw new RangeError('createCursorCodec: ttlMs must be a positive number');

  const sign = (encodedPayload: string): string =>
    createHmac('sha256', secret).update(encodedPayload).digest('base64url');

  return {
    encode(tool, filter, position) {
      const payload: CursorPayload = {
        v: CURSOR_VERSION,
        t: tool,
        f: canonicalHash(filter),
        p: position,
        e: now() + ttlMs,
      };
      const encodedPayload = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
      const cursor = `${encodedPayload}.${sign(encodedPayload)}`;
      if (cursor.length > MAX_CURSOR_LENGTH) {
        throw new RangeError(
          `cursor position for ${tool} is too large (${cursor.length} > ${MAX_CURSOR_LENGTH} chars)`,
        );
      }
      return cursor;
    },

    decode(tool, filter, cursor) {
      if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH) throw invalidCursor('malformed');
      const parts = cursor.split('.');
      const [encodedPayload, signature] = parts;
      if (parts.length !== 2 || encodedPayload === undefined || signature === undefined) {
        throw invalidCursor('malformed');
      }
      if (!BASE64URL.test(encodedPayload) || !BASE64URL.test(signature)) throw invalidCursor('malformed');
      // Compare the signature text, not its decoded bytes: base64url has non-canonical spellings of the same bytes.
      const expected = Buffer.from(sign(encodedPayload), 'utf8');
      const given = Buffer.from(signature, 'utf8');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidCursor('malformed');
      const payload = parsePayload(encodedPayload);
      if (payload === undefined) throw invalidCursor('malformed');
      if (payload.t !== tool || payload.f !== canonicalHash(filter)) throw invalidCursor('foreign');
      if (now() >= payload.e) throw invalidCursor('expired');
      return payload.p;
    },
  };
}

/** The zod schema of a tool's optional `cursor` argument. */
export function cursorField() {
  return z
    .string()
    .min(1)
    .max(MAX_CURSOR_LENGTH)
    .optional()
    .describe('Opaque cursor from a previous page (next_cursor); omit to start from the first page.');
}
