/** Pages a log: grep, then whole lines from an offset within a byte budget. */

/** One page of log lines. */
export interface LogPage {
  readonly lines: string[];
  /** The line offset the next page starts at; undefined when this page reached the end. */
  readonly nextOffset: number | undefined;
  /** Lines after this page. */
  readonly remaining: number;
  /** Lines that matched (all lines without grep). */
  readonly matched: number;
  /** Lines of this page cut at {@link MAX_LINE_BYTES}. */
  readonly cutLines: number;
}

/** Longest single line kept, in bytes; longer lines are cut and marked. */
export const MAX_LINE_BYTES = 4096;

/** The lines of `text` matching `grep` (case-insensitive substring), from `offset`, within `maxBytes`. */
export function pageLog(
  text: string,
  options: { grep?: string | undefined; offset: number; maxBytes: number },
): LogPage {
  const needle = options.grep?.toLowerCase();
  const all = text.split('\n');
  if (all.at(-1) === '') all.pop();
  const matched = needle ? all.filter((l) => l.toLowerCase().includes(needle)) : all;
  const lines: string[] = [];
  let used = 0;
  let cutLines = 0;
  let index = options.offset;
  for (; index < matched.length; index += 1) {
    const original = matched[index] ?? '';
    const line = cutLine(original);
    if (line !== original) cutLines += 1;
    const cost = Buffer.byteLength(line, 'utf8') + 1;
    if (used + cost > options.maxBytes && lines.length > 0) break;
    lines.push(line);
    used += cost;
  }
  return {
    lines,
    nextOffset: index < matched.length ? index : undefined,
    remaining: Math.max(0, matched.length - index),
    matched: matched.length,
    cutLines,
  };
}

function cutLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= MAX_LINE_BYTES) return line;
  return `${Buffer.from(line, 'utf8')
    .subarray(0, MAX_LINE_BYTES)
    .toString('utf8')
    .replace(/\uFFFD$/, '')}… [line cut]`;
}
