/** The official MCP conformance suite against the built bin over HTTP; the suite may only talk to that server. */
import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../dist/bin/mcp-calculator-server.js', import.meta.url));
const SCENARIOS = ['server-initialize', 'tools-list', 'ping', 'dns-rebinding-protection'] as const;

/** The conformance CLI's entry, from its package.json `bin`. */
function conformanceCli(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('@modelcontextprotocol/conformance/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: string | Record<string, string> };
  const entry = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin.conformance;
  if (entry === undefined) throw new Error('@modelcontextprotocol/conformance declares no conformance bin');
  return join(dirname(manifestPath), entry);
}

/**
 * Preloaded into the suite's process: logs every outgoing TCP connection to stderr, so the test can prove the suite
 * reached nothing but the local server (no internet).
 */
const CONNECTION_LOGGER = `
import net from 'node:net';
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const target = typeof first === 'object' && first !== null
    ? (first.path ?? \`\${first.host ?? 'localhost'}:\${first.port}\`)
    : \`\${typeof args[1] === 'string' ? args[1] : 'localhost'}:\${first}\`;
  process.stderr.write(\`[net-connect] \${target}\\n\`);
  return connect.apply(this, args);
};
`;

interface Check {
  id: string;
  status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'INFO';
  errorMessage?: string;
}

interface ScenarioRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  checks: Check[];
}

let server: ChildProcessWithoutNullStreams | undefined;
let url: URL;
let outputRoot: string;

beforeAll(async () => {
  expect(existsSync(BIN), `${BIN} is missing: run \`pnpm build\` first`).toBe(true);
  outputRoot = mkdtempSync(join(tmpdir(), 'calculator-conformance-'));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !['MCP_TRANSPORT', 'HOST', 'PORT', 'NODE_OPTIONS'].includes(key)) env[key] = value;
  }
  const child = spawn(process.execPath, [BIN, '--transport', 'http', '--port', '0'], { env, stdio: 'pipe' });
  server = child;
  child.stdout.resume();
  let stderr = '';
  url = await new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${stderr}`)), 8_000);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const match = /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"serving Streamable HTTP"/.exec(stderr);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(new URL(match[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${stderr}`)));
  });
});

afterAll(() => {
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  if (outputRoot) rmSync(outputRoot, { recursive: true, force: true });
});

/** Runs one scenario with `-o`, and reads the checks it saved. */
function runScenario(scenario: string): Promise<ScenarioRun> {
  const outputDir = join(outputRoot, scenario);
  const args = [
    '--import',
    `data:text/javascript,${encodeURIComponent(CONNECTION_LOGGER)}`,
    conformanceCli(),
    'server',
    '--url',
    url.href,
    '--scenario',
    scenario,
    '-o',
    outputDir,
  ];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { timeout: 15_000, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const resultDirs = existsSync(outputDir) ? readdirSync(outputDir) : [];
        const checks = resultDirs.flatMap((dir) => {
          const file = join(outputDir, dir, 'checks.json');
          return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Check[]) : [];
        });
        const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ exitCode, stdout, stderr, checks });
      },
    );
  });
}

describe('MCP conformance suite (@modelcontextprotocol/conformance) against the HTTP calculator', () => {
  it.each(SCENARIOS)('%s passes with 0 failed checks, talking only to the local server', async (scenario) => {
    const run = await runScenario(scenario);
    const report = `${run.stdout}\n${run.stderr}`;
    const failed = run.checks.filter((c) => c.status === 'FAILURE');
    const passed = run.checks.filter((c) => c.status === 'SUCCESS');
    expect(
      failed.map((c) => `${c.id}: ${c.errorMessage ?? ''}`),
      report,
    ).toEqual([]);
    expect(passed.length, report).toBeGreaterThan(0);
    expect(run.exitCode, report).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`Passed: ${passed.length}/${run.checks.length}, 0 failed`));

    const targets = [...run.stderr.matchAll(/^\[net-connect\] (.+)$/gm)].map((m) => m[1]);
    expect(targets.length, report).toBeGreaterThan(0);
    for (const target of targets) expect(target).toBe(`${url.hostname}:${url.port}`);
  });
});
