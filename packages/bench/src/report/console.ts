/** The terminal summary: targets and the main tables, plain text. */
import { textTable } from './format.ts';
import type { BenchResults } from './results.ts';
import { coldStartRows, httpRows, layerRows, ledgerRows, memoryRows, tokenRows } from './sections.ts';
import type { TargetCheck } from './targets.ts';

/** The summary printed at the end of a run. */
export function renderConsole(results: BenchResults, targets: readonly TargetCheck[]): string {
  const table = (t: { header: string[]; rows: string[][] }) => textTable(t.header, t.rows);
  const tokens = tokenRows(results);
  const status = (t: TargetCheck) => (t.met === undefined ? 'n/a ' : t.met ? 'MET ' : 'MISS');
  return [
    `Bulkhead bench — ${results.conditions.date}, commit ${results.conditions.commit}, ${results.conditions.cores} cores, Node ${results.conditions.node}`,
    '',
    table(httpRows(results)),
    '',
    table(ledgerRows(results)),
    '',
    table(layerRows(results)),
    '',
    table(coldStartRows(results)),
    '',
    table(memoryRows(results)),
    '',
    table(tokens.listings),
    '',
    table(tokens.tasks),
    '',
    'Targets:',
    ...targets.map((t) => `  ${status(t)} ${t.target}: ${t.measured} (${t.margin})`),
    '',
  ].join('\n');
}
