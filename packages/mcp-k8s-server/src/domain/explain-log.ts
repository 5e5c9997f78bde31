/** Picks the log line that explains a crash: the last error-looking line, else the last line. */

const ERROR_LINE =
  /\b(error|fatal|panic|exception|traceback|killed|missing|cannot|can't|could not|unable|failed|refused|denied|not found|invalid)\b/i;

/** Longest log line kept in a diagnosis, in characters. */
export const MAX_LOG_LINE = 240;

/** The line of `lines` most likely to explain why the process exited, cut to {@link MAX_LOG_LINE}. */
export function explainingLogLine(lines: readonly string[]): string | undefined {
  const nonEmpty = lines.map((l) => l.trim()).filter((l) => l !== '');
  const found = [...nonEmpty].reverse().find((l) => ERROR_LINE.test(l)) ?? nonEmpty.at(-1);
  return found === undefined ? undefined : clip(found, MAX_LOG_LINE);
}

/** Cuts text to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
