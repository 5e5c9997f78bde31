/** `harness conformance`: the official MCP conformance suite against every running server. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { table } from '../log.js';
import { runningServers } from '../running-state.js';

/** The scenarios that apply to a domain server with the tools capability (0.1.x, 2025 era). */
export const SCENARIOS = ['server-initialize', 'tools-list', 'ping', 'dns-rebinding-protection'] as const;

/** One scenario's checks against one server. */
export interface ScenarioResult {
  readonly server: string;
  readonly scenario: string;
  readonly passed: number;
  readonly failed: number;
  readonly failures: readonly string[];
}

interface Check {
  readonly id: string;
  readonly status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'INFO';
  readonly errorMessage?: string;
}

/** Runs every scenario against every running server; prints a summary per server; 0 when nothing failed. */
export async function runConformance(): Promise<number> {
  const results: ScenarioResult[] = [];
  for (const { name, url } of runningServers()) {
    for (const scenario of SCENARIOS) results.push(await runScenario(name, url, scenario));
  }
  const rows = results.map((r) => [r.server, r.scenario, String(r.passed), String(r.failed), r.failures.join('; ')]);
  process.stdout.write(`${table(['server', 'scenario', 'passed checks', 'failed checks', 'failures'], rows)}\n`);
  const failed = results.filter((r) => r.failed > 0 || r.passed === 0).length;
  process.stdout.write(`${results.length - failed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

/** Runs one scenario with `-o` and reads the checks it saved. */
export function runScenario(server: string, url: URL, scenario: string): Promise<ScenarioResult> {
  const outputDir = mkdtempSync(join(tmpdir(), `conformance-${server}-`));
  const args = [conformanceCli(), 'server', '--url', url.href, '--scenario', scenario, '-o', outputDir];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const checks = readdirSync(outputDir).flatMap((dir) => {
          const file = join(outputDir, dir, 'checks.json');
          return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Check[]) : [];
        });
        rmSync(outputDir, { recursive: true, force: true });
        const failures = checks.filter((c) => c.status === 'FAILURE').map((c) => `${c.id}: ${c.errorMessage ?? ''}`);
        if (checks.length === 0 && error)
          failures.push(`the suite did not run: ${(stderr || stdout).trim().slice(0, 200)}`);
        resolve({
          server,
          scenario,
          passed: checks.filter((c) => c.status === 'SUCCESS').length,
          failed: failures.length,
          failures,
        });
      },
    );
  });
}

/** The conformance CLI's entry, from its package.json `bin`. */
function conformanceCli(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('@modelcontextprotocol/conformance/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: string | Record<string, string> };
  const entry = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin.conformance;
  if (entry === undefined) throw new Error('@modelcontextprotocol/conformance declares no conformance bin');
  return join(dirname(manifestPath), entry);
}
