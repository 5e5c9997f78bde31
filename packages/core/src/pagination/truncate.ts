/** A UTF-8 byte budget for text results: cut on whole rows or lines and say how to get the rest (DESIGN §8). */

/** The default text budget of a tool result, in UTF-8 bytes (about 16 KB). */
export const DEFAULT_TEXT_BUDGET_BYTES = 16_384;

/** The outcome of {@link truncateRows}. */
export interface TruncatedRows {
  /** The header (if any) and the rows that fit, one per line. */
  text: string;
  /** How many rows `text` holds. */
  shown: number;
  /** How many rows did not fit. */
  omitted: number;
  /** Whether any row was left out. */
  truncated: boolean;
}

/** The outcome of {@link truncateText}. */
export interface TruncatedText {
  /** The lines that fit (or the first line cut short, see `partialLine`). */
  text: string;
  /** Whether anything was left out. */
  truncated: boolean;
  /** How many lines were left out entirely. */
  omittedLines: number;
  /** How many UTF-8 bytes of the input `text` does not hold. */
  omittedBytes: number;
  /** Whether the first line alone was over budget and was cut on a character boundary. */
  partialLine: boolean;
}

/** Options of {@link truncationNotice}. */
export interface TruncationNoticeOptions {
  /** How many rows or lines were left out. */
  omitted: number;
  /** What was left out. */
  unit: 'rows' | 'lines';
  /** The cursor that reads on, if the result is paginated. */
  nextCursor?: string | undefined;
  /** Which arguments narrow the result, e.g. `status, created_after`. */
  narrowHint?: string | undefined;
  /** Whether the last line shown was cut short. */
  partialLine?: boolean | undefined;
}

const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');

function checkBudget(budgetBytes: number): number {
  if (!Number.isSafeInteger(budgetBytes) || budgetBytes < 0) {
    throw new RangeError('budgetBytes must be an integer >= 0');
  }
  return budgetBytes;
}

/** Renders rows one per line under an optional header, keeping only whole rows within the byte budget. */
export function truncateRows<T>(
  rows: readonly T[],
  render: (row: T) => string,
  options: { budgetBytes?: number | undefined; header?: string | undefined } = {},
): TruncatedRows {
  const budget = checkBudget(options.budgetBytes ?? DEFAULT_TEXT_BUDGET_BYTES);
  const lines: string[] = options.header === undefined ? [] : [options.header];
  let used = options.header === undefined ? 0 : byteLength(options.header);
  let shown = 0;
  for (const row of rows) {
    const line = render(row);
    const cost = byteLength(line) + (lines.length > 0 ? 1 : 0);
    if (used + cost > budget) break;
    lines.push(line);
    used += cost;
    shown += 1;
  }
  const omitted = rows.length - shown;
  return { text: lines.join('\n'), shown, omitted, truncated: omitted > 0 };
}

/** The longest prefix of `line` within `budget` UTF-8 bytes that ends on a character boundary. */
function cutOnCharBoundary(line: string, budget: number): string {
  let used = 0;
  let end = 0;
  for (const char of line) {
    const size = byteLength(char);
    if (used + size > budget) break;
    used += size;
    end += char.length;
  }
  return line.slice(0, end);
}

/** Keeps the whole lines of `text` that fit the byte budget; cuts the first line only if it alone is over. */
export function truncateText(text: string, options: { budgetBytes?: number | undefined } = {}): TruncatedText {
  const budget = checkBudget(options.budgetBytes ?? DEFAULT_TEXT_BUDGET_BYTES);
  const total = byteLength(text);
  if (total <= budget) return { text, truncated: false, omittedLines: 0, omittedBytes: 0, partialLine: false };
  const lines = text.split('\n');
  let used = 0;
  let kept = 0;
  for (const line of lines) {
    const cost = byteLength(line) + (kept > 0 ? 1 : 0);
    if (used + cost > budget) break;
    used += cost;
    kept += 1;
  }
  if (kept === 0) {
    const cut = cutOnCharBoundary(lines[0] ?? '', budget);
    return {
      text: cut,
      truncated: true,
      omittedLines: lines.length - 1,
      omittedBytes: total - byteLength(cut),
      partialLine: true,
    };
  }
  const shown = lines.slice(0, kept).join('\n');
  return {
    text: shown,
    truncated: true,
    omittedLines: lines.length - kept,
    omittedBytes: total - used,
    partialLine: false,
  };
}

/** One sentence telling the model how much was left out and how to get it; empty when nothing was. */
export function truncationNotice(options: TruncationNoticeOptions): string {
  const { omitted, unit, nextCursor, narrowHint, partialLine = false } = options;
  if (omitted <= 0 && !partialLine) return '';
  const noun = omitted === 1 ? unit.slice(0, -1) : unit;
  const cut = 'the last line shown was cut short';
  const what =
    omitted > 0 ? `${omitted} more ${noun} not shown${partialLine ? ` and ${cut}` : ''}` : `${cut} at the size limit`;
  const narrow =
    narrowHint === undefined || narrowHint === '' ? 'narrow the request' : `narrow the filter (${narrowHint})`;
  const how =
    nextCursor === undefined
      ? `${narrow} to see the rest`
      : `call again with cursor ${JSON.stringify(nextCursor)} to read on, or ${narrow}`;
  return `… ${what}; ${how}.`;
}
