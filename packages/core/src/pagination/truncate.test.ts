/** Tests of the byte budget: whole rows and lines, exact edges, multi-byte characters, notice text. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEXT_BUDGET_BYTES, truncateRows, truncateText, truncationNotice } from './truncate.js';

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

describe('truncateRows', () => {
  const rows = ['aaaa', 'bbbb', 'cccc'];
  const same = (row: string): string => row;

  it('keeps every row when they fit exactly (separators counted)', () => {
    const result = truncateRows(rows, same, { budgetBytes: 14 });
    expect(result).toEqual({ text: 'aaaa\nbbbb\ncccc', shown: 3, omitted: 0, truncated: false });
  });

  it('drops a whole row when one byte is missing, never cutting it', () => {
    const result = truncateRows(rows, same, { budgetBytes: 13 });
    expect(result).toEqual({ text: 'aaaa\nbbbb', shown: 2, omitted: 1, truncated: true });
  });

  it('counts the header and its newline against the budget', () => {
    expect(truncateRows(rows, same, { budgetBytes: 9, header: 'id' })).toMatchObject({ text: 'id\naaaa', shown: 1 });
    expect(truncateRows(rows, same, { budgetBytes: 6, header: 'id' })).toMatchObject({ text: 'id', shown: 0 });
  });

  it('counts UTF-8 bytes, not characters', () => {
    const wide = ['€€', '€€'];
    expect(truncateRows(wide, same, { budgetBytes: 12 })).toMatchObject({ shown: 1, truncated: true });
    expect(truncateRows(wide, same, { budgetBytes: 13 })).toMatchObject({ shown: 2, truncated: false });
  });

  it('shows nothing rather than part of a row that alone is over budget', () => {
    expect(truncateRows(['x'.repeat(20)], same, { budgetBytes: 10 })).toEqual({
      text: '',
      shown: 0,
      omitted: 1,
      truncated: true,
    });
  });

  it('uses the default 16 KB budget', () => {
    const many = Array.from({ length: 2_000 }, (_, i) => `row ${i} ${'x'.repeat(20)}`);
    const result = truncateRows(many, same);
    expect(bytes(result.text)).toBeLessThanOrEqual(DEFAULT_TEXT_BUDGET_BYTES);
    expect(result.shown + result.omitted).toBe(2_000);
    expect(result.text.split('\n')).toEqual(many.slice(0, result.shown));
  });
});

describe('truncateText', () => {
  it('returns text at exactly the budget untouched', () => {
    expect(truncateText('ab\ncd', { budgetBytes: 5 })).toEqual({
      text: 'ab\ncd',
      truncated: false,
      omittedLines: 0,
      omittedBytes: 0,
      partialLine: false,
    });
  });

  it('cuts on whole lines one byte over the budget', () => {
    expect(truncateText('ab\ncd\nef', { budgetBytes: 7 })).toEqual({
      text: 'ab\ncd',
      truncated: true,
      omittedLines: 1,
      omittedBytes: 3,
      partialLine: false,
    });
  });

  it('cuts an over-budget first line on a character boundary and says so', () => {
    const line = '€'.repeat(10); // 30 bytes
    for (const budget of [7, 8, 9]) {
      const result = truncateText(`${line}\nnext`, { budgetBytes: budget });
      expect(result.text).toBe('€'.repeat(Math.floor(budget / 3)));
      expect(result).toMatchObject({ truncated: true, omittedLines: 1, partialLine: true });
      expect(result.omittedBytes).toBe(35 - bytes(result.text));
    }
  });

  it('never splits a surrogate pair or a multi-byte character', () => {
    const text = `${'a😀é€'.repeat(500)}\n${'b'.repeat(10)}`;
    for (let budget = 0; budget < 40; budget += 1) {
      const result = truncateText(text, { budgetBytes: budget });
      expect(bytes(result.text)).toBeLessThanOrEqual(budget);
      expect(result.text).not.toContain('\uFFFD');
      expect(Buffer.from(result.text, 'utf8').toString('utf8')).toBe(result.text);
      expect(text.startsWith(result.text)).toBe(true);
      expect(result.text.isWellFormed()).toBe(true);
    }
  });
});

describe('truncationNotice', () => {
  it('says how many more and gives the cursor and the narrowing hint', () => {
    expect(
      truncationNotice({ omitted: 42, unit: 'rows', nextCursor: 'abc.def', narrowHint: 'status, customer_id' }),
    ).toBe(
      '… 42 more rows not shown; call again with cursor "abc.def" to read on, or narrow the filter (status, customer_id).',
    );
  });

  it('uses the singular and a generic way to narrow without a hint or cursor', () => {
    expect(truncationNotice({ omitted: 1, unit: 'lines' })).toBe(
      '… 1 more line not shown; narrow the request to see the rest.',
    );
  });

  it('mentions a cut line', () => {
    expect(truncationNotice({ omitted: 0, unit: 'lines', partialLine: true })).toBe(
      '… the last line shown was cut short at the size limit; narrow the request to see the rest.',
    );
    expect(truncationNotice({ omitted: 3, unit: 'lines', partialLine: true, narrowHint: 'since' })).toBe(
      '… 3 more lines not shown and the last line shown was cut short; narrow the filter (since) to see the rest.',
    );
  });

  it('is empty when nothing was left out', () => {
    expect(truncationNotice({ omitted: 0, unit: 'rows' })).toBe('');
  });
});
