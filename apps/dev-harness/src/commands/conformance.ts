/** `harness conformance`: the official MCP conformance suite against every running server, in both protocol eras. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { table } from '../log.js';
import { runningServers } from '../running-state.js';

/** A release line of the suite and the scenarios that apply to a domain server with the tools capability. */
export interface ConformanceLane {
  readonly name: string;
  readonly packageName: string;
  readonly specVersion?: string;
  readonly scenarios: readonly string[];
}

/**
 * 0.1.x for the 2025 era; the 0.2 pre-release for 2026-07-28. Scenarios for prompts, resources, completion,
 * sampling or logging test capabilities a domain server does not declare, and `tools-call-*` need the suite's
 * own test tools, so they do not apply.
 */
export const LANES: readonly ConformanceLane[] = [
  {
    name: '0.1 (2025)',
    packageName: '@modelcontextprotocol/conformance',
    scenarios: ['server-initialize', 'tools-list', 'ping', 'dns-rebinding-protection'],
  },
  {
    name: '0.2-alpha (2026-07-28)',
    packageName: '@modelcontextprotocol/conformance-next',
    specVersion: '2026-07-28',
    scenarios: ['server-stateless', 'http-header-validation', 'tools-list', 'dns-rebinding-protection'],
  },
];

/** One scenario's checks against one server. */
export interface ScenarioResult {
  readonly server: string;
  readonly lane: string;
  readonly scenario: string;
  readonly passed: number;
  readonly failed: number;
  /** Checks the suite could not exercise because they need its own diagnostic tools. */
  readonly untestable: number;
  readonly failures: readonly string[];
}

interface Check {
  readonly id: string;
  readonly status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'INFO';
  readonly errorMessage?: string;
  readonly details?: { untestable?: boolean };
}

/** Runs every lane's scenarios against every running server; prints a summary; 0 when nothing failed. */
export async function runConformance(): Promise<number> {
  const results: ScenarioResult[] = [];
  for (const { name, url } of runningServers()) {
    for (const lane of LANES) {
      for (const scenario of lane.scenarios) results.push(await runScenario(name, url, lane, scenario));
    }
  }
  const rows = results.map((r) => [
    r.server,
    r.lane,
    r.scenario,
    String(r.passed),
    String(r.failed),
    String(r.untestable),
    r.failures.join('; '),
  ]);
  const headers = ['server', 'suite', 'scenario', 'passed', 'failed', 'not testable', 'failures'];
  process.stdout.write(`${table(headers, rows)}\n`);
  const failed = results.filter((r) => r.failed > 0 || r.passed === 0).length;
  process.stdout.write(`${results.length - failed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

/** Runs one scenario with `-o` and reads the checks it saved. */
export function runScenario(
  server: string,
  url: URL,
  lane: ConformanceLane,
  scenario: string,
): Promise<ScenarioResult> {
  const outputDir = mkdtempSync(join(tmpdir(), `conformance-${server}-`));
  const args = [conformanceCli(lane.packageName), 'server', '--url', url.href, '--scenario', scenario, '-o', outputDir];
  if (lane.specVersion) args.push('--spec-version', lane.specVersion);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const checks = readdirSync(outputDir).flatMap((dir) => {
          const file = join(outputDir, dir, 'checks.json');
          return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Check[]) : [];
        });
        rmSync(outputDir, { recursive: true, force: true });
        const untestable = checks.filter((c) => c.status === 'FAILURE' && c.details?.untestable === true);
        const failures = checks
          .filter((c) => c.status === 'FAILURE' && c.details?.untestable !== true)
          .map((c) => `${c.id}: ${c.errorMessage ?? ''}`);
        if (checks.length === 0 && error)
          failures.push(`the suite did not run: ${(stderr || stdout).trim().slice(0, 200)}`);
        resolve({
          server,
          lane: lane.name,
          scenario,
          passed: checks.filter((c) => c.status === 'SUCCESS').length,
          failed: failures.length,
          untestable: untestable.length,
          failures,
        });
      },
    );
  });
}

/** A conformance package's CLI entry, from its package.json `bin`. */
function conformanceCli(packageName: string): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve(`${packageName}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: string | Record<string, string> };
  const entry = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin.conformance;
  if (entry === undefined) throw new Error(`${packageName} declares no conformance bin`);
  return join(dirname(manifestPath), entry);
}
