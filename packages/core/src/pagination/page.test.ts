/** Tests of in-memory pagination: a full walk sees every item once; bad cursors are refused. */
import { describe, expect, it } from 'vitest';
import { isToolError } from '../errors/tool-error.js';
import { createCursorCodec } from './cursor-codec.js';
import { pageSizeField, paginateArray } from './page.js';

const SECRET = 'page-test-secret-0123456789';
const FIXTURE = Array.from({ length: 1_000 }, (_, i) => ({ id: `item_${String(i).padStart(4, '0')}` }));

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isToolError(error) ? error.code : `not a ToolError: ${String(error)}`;
  }
  return undefined;
}

describe('paginateArray', () => {
  const codec = createCursorCodec({ secret: SECRET });
  const base = { codec, tool: 'list_items', filter: { q: 'all' } };

  it('walks 1,000 items with limit 37 and yields every item exactly once, in order', () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = paginateArray(FIXTURE, { ...base, cursor, limit: 37 });
      expect(page.total).toBe(1_000);
      expect(page.items.length).toBeLessThanOrEqual(37);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor !== undefined && pages < 100);
    expect(pages).toBe(Math.ceil(1_000 / 37));
    expect(seen).toEqual(FIXTURE.map((item) => item.id));
    expect(new Set(seen).size).toBe(1_000);
  });

  it('has no next cursor when the list fits one page exactly', () => {
    const page = paginateArray(FIXTURE.slice(0, 37), { ...base, limit: 37 });
    expect(page.items).toHaveLength(37);
    expect(page.next_cursor).toBeUndefined();
  });

  it('returns an empty last page when the list shrank under the cursor', () => {
    const first = paginateArray(FIXTURE.slice(0, 50), { ...base, limit: 40 });
    const next = paginateArray(FIXTURE.slice(0, 10), { ...base, cursor: first.next_cursor, limit: 40 });
    expect(next).toEqual({ items: [], next_cursor: undefined, total: 10 });
  });

  it('refuses a tampered, foreign or expired cursor with INVALID_CURSOR', () => {
    let clock = 0;
    const clocked = createCursorCodec({ secret: SECRET, ttlMs: 60_000, now: () => clock });
    const options = { ...base, codec: clocked, limit: 37 };
    const cursor = paginateArray(FIXTURE, options).next_cursor ?? '';
    const dot = cursor.indexOf('.');
    const flip = (i: number) => `${cursor.slice(0, i)}${cursor[i] === 'A' ? 'B' : 'A'}${cursor.slice(i + 1)}`;
    expect(codeOf(() => paginateArray(FIXTURE, { ...options, cursor: flip(dot - 2) }))).toBe('INVALID_CURSOR');
    expect(codeOf(() => paginateArray(FIXTURE, { ...options, cursor: flip(dot + 2) }))).toBe('INVALID_CURSOR');
    expect(codeOf(() => paginateArray(FIXTURE, { ...options, tool: 'other', cursor }))).toBe('INVALID_CURSOR');
    expect(codeOf(() => paginateArray(FIXTURE, { ...options, filter: { q: 'x' }, cursor }))).toBe('INVALID_CURSOR');
    expect(codeOf(() => paginateArray(FIXTURE, { ...options, cursor }))).toBeUndefined();
    clock = 60_000;
    expect(codeOf(() => paginateArray(FIXTURE, { ...options, cursor }))).toBe('INVALID_CURSOR');
  });

  it('refuses a validly signed cursor whose position is not an offset', () => {
    const cursor = codec.encode(base.tool, base.filter, { o: -1 });
    expect(codeOf(() => paginateArray(FIXTURE, { ...base, cursor, limit: 10 }))).toBe('INVALID_CURSOR');
  });

  it('rejects a non-positive limit as a programming error', () => {
    expect(() => paginateArray(FIXTURE, { ...base, limit: 0 })).toThrow(RangeError);
  });
});

describe('pageSizeField', () => {
  it('defaults, bounds and requires integers', () => {
    const field = pageSizeField(20, 100);
    expect(field.parse(undefined)).toBe(20);
    expect(field.parse(100)).toBe(100);
    expect(field.safeParse(0).success).toBe(false);
    expect(field.safeParse(101).success).toBe(false);
    expect(field.safeParse(2.5).success).toBe(false);
    expect(field.description).toMatch(/1 to 100/);
  });

  it('refuses a default above the maximum', () => {
    expect(() => pageSizeField(200, 100)).toThrow(RangeError);
  });
});
