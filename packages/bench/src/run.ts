/** `pnpm bench`: runs every suite, prints the summary and writes docs/benchmarks.md (`--quick` for development). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startKubeSim } from '@bulkhead/kube-sim';
import { bareNodeRssMiB, bareNodeStartMs } from './children/bare-node.ts';
import { readConditions } from './conditions.ts';
import { prepareState } from './infra/state.ts';
import { parseOptions } from './options.ts';
import { renderConsole } from './report/console.ts';
import { renderMarkdown } from './report/markdown.ts';
import type { BenchResults } from './report/results.ts';
import { checkTargets } from './report/targets.ts';
import { runColdStartSuite } from './suites/cold-start-suite.ts';
import { runHttpSuite } from './suites/http-suite.ts';
import { serverBins } from './suites/server-bins.ts';
import { runTokensSuite } from './suites/tokens-suite.ts';
import { allowWorkspaceTsSources } from './ts-source-hooks.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const options = parseOptions(process.argv.slice(2), join(repoRoot, 'docs/benchmarks.md'));
const say = (line: string) => process.stderr.write(`${line}\n`);

allowWorkspaceTsSources();
const { runLayersSuite } = await import('./suites/layers-suite.ts');
const { runLedgerSuite } = await import('./suites/ledger-suite.ts');

const conditions = readConditions(repoRoot);
const logDir = mkdtempSync(join(tmpdir(), 'bulkhead-bench-'));
say(`bench${options.quick ? ' --quick' : ''}: logs of the child servers in ${logDir}`);
const state = await prepareState();
if ('unavailable' in state) say(`PostgreSQL/Redis unavailable: ${state.unavailable}`);
// In-process layers first, before the simulator's controller ticks share this event loop.
say('layers (in process)…');
const layers = await runLayersSuite(options, 'unavailable' in state ? undefined : state.redisUrl);
const sim = await startKubeSim({ scenario: 'demo' }).catch((error: unknown) => {
  say(`kube-sim did not start: ${(error as Error).message}`);
  return undefined;
});
try {
  say('HTTP throughput and latency…');
  const http = await runHttpSuite(options, state, logDir, say);
  say('the ledger transaction alone (in process)…');
  const ledger = await runLedgerSuite(options, state);
  const bins = serverBins(state, sim?.kubeconfigPath);
  say('cold start…');
  const coldStart = await runColdStartSuite(bins, options.coldStarts);
  const bareStartMs = await bareNodeStartMs(options.coldStarts);
  say('tokens…');
  const tokens = await runTokensSuite(bins);
  const bareNode = await bareNodeRssMiB();
  const results: BenchResults = {
    conditions,
    options,
    http,
    layers,
    ledger,
    coldStart,
    tokens,
    bareNodeRssMiB: bareNode,
    bareNodeStartMs: bareStartMs,
  };
  const targets = checkTargets(results);
  process.stdout.write(renderConsole(results, targets));
  if (options.docsPath) {
    writeFileSync(options.docsPath, renderMarkdown(results, targets));
    say(`wrote ${options.docsPath}`);
  }
  // The child logs are for diagnosing a failed run; a finished one does not need them.
  rmSync(logDir, { recursive: true, force: true });
} finally {
  await sim?.close();
  if (!('unavailable' in state)) await state.cleanup();
}
