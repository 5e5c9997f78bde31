/** Human output of the harness: progress and tables on stdout, server logs prefixed on stderr. */
const COLORS = { calculator: 36, billing: 35, k8s: 33, harness: 32 } as const;
const useColor = process.stderr.isTTY && !process.env.NO_COLOR;

/** A `[name]` prefix, coloured on a terminal. */
export function prefix(name: keyof typeof COLORS | string): string {
  const code = (COLORS as Record<string, number>)[name] ?? 37;
  return useColor ? `\u001b[${code}m[${name}]\u001b[0m` : `[${name}]`;
}

/** A progress line for anything that takes more than a second. */
export function progress(message: string): void {
  process.stdout.write(`${prefix('harness')} ${message}\n`);
}

/** Renders rows as an aligned text table. */
export function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
