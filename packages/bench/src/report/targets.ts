/** The targets from issue #9, checked against one run's figures. */

import { ratio } from '../stats.ts';
import type { HttpCaseId } from '../suites/http-suite.ts';
import type { BenchResults } from './results.ts';

/** One target and how this run did against it. */
export interface TargetCheck {
  readonly id: string;
  readonly target: string;
  readonly measured: string;
  /** Undefined when the figures it needs were not measured. */
  readonly met: boolean | undefined;
  /** How far from the line, in words ("+41% headroom", "missed by 12 ms"). */
  readonly margin: string;
}

const AT = 16;

/** Checks every target; a missing figure is "not measured", never a pass. */
export function checkTargets(results: BenchResults): TargetCheck[] {
  const rps = (id: HttpCaseId) => results.http.cases.find((c) => c.id === id)?.byConnections[AT]?.rps;
  const p99 = results.http.cases.find((c) => c.id === 'calculator')?.byConnections[AT]?.p99Ms;
  const calc = rps('calculator');
  const cpu = (id: HttpCaseId) => results.http.cases.find((c) => c.id === id)?.byConnections[AT]?.cpuUsPerRequest;
  const byCpu = (base: HttpCaseId) => {
    const r = ratio(cpu(base), cpu('calculator'));
    return r === undefined ? '' : `; by server CPU per request ${r.toFixed(2)}×`;
  };
  const checks: TargetCheck[] = [
    withNote(
      atLeast(
        'calc-vs-raw',
        `calculator \`calculate\` ≥ 0.20 × raw node:http (${AT} connections)`,
        ratio(calc, rps('raw')),
        0.2,
        '× raw',
      ),
      byCpu('raw'),
    ),
    withNote(
      atLeast(
        'calc-vs-sdk',
        `calculator \`calculate\` ≥ 3 × the per-request SDK pattern (${AT} connections)`,
        ratio(calc, rps('sdk')),
        3,
        '× SDK',
      ),
      byCpu('sdk'),
    ),
    atMost('calc-p99', `calculator p99 ≤ 15 ms (${AT} connections)`, p99, 15, 'ms'),
    withNote(
      atMost(
        'mutation-vs-calc',
        `idempotent billing mutation within 3× of the calculator (throughput, ${AT} connections)`,
        ratio(calc, rps('billing-mutation')),
        3,
        '× slower',
      ),
      ledgerNote(results, calc),
    ),
  ];
  for (const c of results.coldStart) {
    const bare = ratio(c.medianMs, results.bareNodeStartMs);
    checks.push(
      withNote(
        atMost(`cold-${c.server}`, `${c.server} cold start over stdio ≤ 300 ms (median)`, c.medianMs, 300, 'ms'),
        bare === undefined
          ? ''
          : `; ${bare.toFixed(1)} × a bare \`node -e\` start (${Math.round(results.bareNodeStartMs ?? 0)} ms) in this run`,
      ),
    );
  }
  for (const server of ['calculator', 'billing', 'k8s'] as const) {
    const http = results.http.memory.find((m) => m.server === server)?.idleMiB;
    const stdio = results.coldStart.find((c) => c.server === server)?.idleRssMiB;
    const where = http !== undefined ? 'serving HTTP' : 'over stdio';
    checks.push(atMost(`rss-${server}`, `${server} idle RSS ≤ 80 MB (${where})`, http ?? stdio, 80, 'MiB'));
  }
  return checks;
}

/** How the ledger transaction alone (no server around it) compares with the calculator in the same run. */
function ledgerNote(results: BenchResults, calculatorRps: number | undefined): string {
  const ledger = results.ledger;
  if ('unavailable' in ledger || calculatorRps === undefined) return '';
  const slower = ratio(calculatorRps, ledger.creditsPerSec);
  return `; the ledger transaction alone (in process, no HTTP/MCP/Redis): ${Math.round(ledger.creditsPerSec)}/s, ${slower?.toFixed(2)} × slower than the calculator`;
}

function withNote(check: TargetCheck, note: string): TargetCheck {
  return check.met === undefined ? check : { ...check, measured: `${check.measured}${note}` };
}

function atLeast(id: string, target: string, value: number | undefined, line: number, unit: string): TargetCheck {
  if (value === undefined) return { id, target, measured: 'not measured', met: undefined, margin: '—' };
  const met = value >= line;
  const pct = Math.round((value / line - 1) * 100);
  return {
    id,
    target,
    measured: `${fmt(value)} ${unit}`,
    met,
    margin: met ? `+${pct}% headroom` : `missed by ${-pct}%`,
  };
}

function atMost(id: string, target: string, value: number | undefined, line: number, unit: string): TargetCheck {
  if (value === undefined) return { id, target, measured: 'not measured', met: undefined, margin: '—' };
  const met = value <= line;
  const pct = Math.round((1 - value / line) * 100);
  return {
    id,
    target,
    measured: `${fmt(value)} ${unit}`,
    met,
    margin: met ? `${pct}% under` : `over by ${fmt(value - line)} ${unit} (${-pct}%)`,
  };
}

function fmt(n: number): string {
  return n >= 100 ? String(Math.round(n)) : n.toFixed(2);
}
