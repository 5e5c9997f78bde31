/** Log paging: grep, whole lines within the byte budget, offsets that read on. */
import { describe, expect, it } from 'vitest';
import { pageLog } from './log-page.js';

const text = Array.from({ length: 10 }, (_, i) => `line ${i} ${i % 2 === 0 ? 'even' : 'ODD'}`).join('\n');

describe('pageLog', () => {
  it('keeps whole lines within the budget and says where to read on', () => {
    const first = pageLog(text, { offset: 0, maxBytes: 30 });
    expect(first.lines).toEqual(['line 0 even', 'line 1 ODD']);
    expect(first).toMatchObject({ nextOffset: 2, remaining: 8, matched: 10 });
    const last = pageLog(text, { offset: 8, maxBytes: 1000 });
    expect(last).toMatchObject({ lines: ['line 8 even', 'line 9 ODD'], nextOffset: undefined, remaining: 0 });
  });

  it('greps case-insensitively', () => {
    expect(pageLog(text, { grep: 'odd', offset: 0, maxBytes: 1000 }).matched).toBe(5);
  });

  it('always shows at least one (cut) line', () => {
    const page = pageLog('x'.repeat(5000), { offset: 0, maxBytes: 256 });
    expect(page.lines).toHaveLength(1);
    expect(page.lines[0]).toContain('[line cut]');
    expect(page.cutLines).toBe(1);
    expect(pageLog(text, { offset: 0, maxBytes: 1000 }).cutLines).toBe(0);
  });
});
