/** Tests of signed cursors: round trip, and every way a cursor must be refused. */
import { describe, expect, it } from 'vitest';
import { isToolError } from '../errors/tool-error.js';
import { createCursorCodec, cursorField, DEFAULT_CURSOR_TTL_MS, MAX_CURSOR_LENGTH } from './cursor-codec.js';

const SECRET = 'test-secret-0123456789abcdef';

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

function expectInvalidCursor(fn: () => unknown, sentence: RegExp): void {
  const error = caught(fn);
  if (!isToolError(error)) throw error;
  expect(error.code).toBe('INVALID_CURSOR');
  expect(error.retryable).toBe(false);
  expect(error.message).toMatch(/start again without cursor/);
  expect(error.message).toMatch(sentence);
}

/** Replaces the character at `index` with a different base64url character. */
function flipAt(text: string, index: number): string {
  const char = text[index];
  const replacement = char === 'A' ? 'B' : 'A';
  return `${text.slice(0, index)}${replacement}${text.slice(index + 1)}`;
}

describe('createCursorCodec', () => {
  const filter = { status: 'open', customer_id: 'c_1' };

  it('round-trips a position for the same tool and filter (key order irrelevant)', () => {
    const codec = createCursorCodec({ secret: SECRET });
    const cursor = codec.encode('list_invoices', filter, { o: 37, id: 'inv_9' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(codec.decode('list_invoices', { customer_id: 'c_1', status: 'open' }, cursor)).toEqual({
      o: 37,
      id: 'inv_9',
    });
  });

  it('refuses a cursor with one character flipped in the payload', () => {
    const codec = createCursorCodec({ secret: SECRET });
    const cursor = codec.encode('list_invoices', filter, { o: 37 });
    for (const index of [0, 5, cursor.indexOf('.') - 1]) {
      expectInvalidCursor(() => codec.decode('list_invoices', filter, flipAt(cursor, index)), /damaged/);
    }
  });

  it('refuses a cursor with one character flipped in the signature, even the last one', () => {
    const codec = createCursorCodec({ secret: SECRET });
    const cursor = codec.encode('list_invoices', filter, { o: 37 });
    for (const index of [cursor.indexOf('.') + 1, cursor.length - 5, cursor.length - 1]) {
      expectInvalidCursor(() => codec.decode('list_invoices', filter, flipAt(cursor, index)), /damaged/);
    }
  });

  it('refuses a cursor signed with another secret', () => {
    const cursor = createCursorCodec({ secret: 'another-secret-value' }).encode('list_invoices', filter, { o: 1 });
    expectInvalidCursor(() => createCursorCodec({ secret: SECRET }).decode('list_invoices', filter, cursor), /damaged/);
  });

  it('refuses a cursor issued by another tool', () => {
    const codec = createCursorCodec({ secret: SECRET });
    const cursor = codec.encode('list_customers', filter, { o: 1 });
    expectInvalidCursor(
      () => codec.decode('list_invoices', filter, cursor),
      /not valid for this tool and these filters/,
    );
  });

  it('refuses a cursor issued for another filter', () => {
    const codec = createCursorCodec({ secret: SECRET });
    const cursor = codec.encode('list_invoices', filter, { o: 1 });
    expectInvalidCursor(
      () => codec.decode('list_invoices', { ...filter, status: 'paid' }, cursor),
      /repeat the exact filters/,
    );
  });

  it('accepts a cursor until its expiry and refuses it from then on', () => {
    let clock = 5_000;
    const codec = createCursorCodec({ secret: SECRET, ttlMs: 1_000, now: () => clock });
    const cursor = codec.encode('list_invoices', filter, { o: 1 });
    clock += 999;
    expect(codec.decode('list_invoices', filter, cursor)).toEqual({ o: 1 });
    clock += 1;
    expectInvalidCursor(() => codec.decode('list_invoices', filter, cursor), /has expired/);
  });

  it('defaults to a 15 minute lifetime', () => {
    let clock = 0;
    const codec = createCursorCodec({ secret: SECRET, now: () => clock });
    const cursor = codec.encode('t', {}, 1);
    clock = DEFAULT_CURSOR_TTL_MS - 1;
    expect(codec.decode('t', {}, cursor)).toBe(1);
    clock = DEFAULT_CURSOR_TTL_MS;
    expectInvalidCursor(() => codec.decode('t', {}, cursor), /expired/);
  });

  it('refuses malformed cursors without leaking internals', () => {
    const codec = createCursorCodec({ secret: SECRET });
    const valid = codec.encode('t', {}, 1);
    const [payload = '', signature = ''] = valid.split('.');
    for (const bad of ['x', '.', 'a.b.c', `${payload}.`, `.${signature}`, `${payload}!.${signature}`, `${valid}.x`]) {
      expectInvalidCursor(() => codec.decode('t', {}, bad), /damaged/);
    }
    expectInvalidCursor(() => codec.decode('t', {}, 'a'.repeat(MAX_CURSOR_LENGTH + 1)), /damaged/);
  });

  it('refuses to issue a cursor longer than the schema accepts', () => {
    const codec = createCursorCodec({ secret: SECRET });
    expect(() => codec.encode('t', {}, 'x'.repeat(MAX_CURSOR_LENGTH))).toThrow(RangeError);
  });

  it('requires a secret', () => {
    expect(() => createCursorCodec({ secret: '' })).toThrow(/secret/);
  });
});

describe('cursorField', () => {
  it('is optional, non-empty and bounded', () => {
    const field = cursorField();
    expect(field.safeParse(undefined).success).toBe(true);
    expect(field.safeParse('abc.def').success).toBe(true);
    expect(field.safeParse('').success).toBe(false);
    expect(field.safeParse('a'.repeat(MAX_CURSOR_LENGTH + 1)).success).toBe(false);
    expect(field.description).toMatch(/next_cursor/);
  });
});
