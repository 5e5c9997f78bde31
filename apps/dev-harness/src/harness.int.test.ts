/** The harness end to end: dev from the built bins, smoke and conformance pass, generated configs work, Ctrl-C leaves nothing. */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const stateDir = mkdtempSync(join(tmpdir(), 'bulkhead-harness-'));
const env = { ...process.env, HARNESS_STATE_DIR: stateDir, HARNESS_PORTS: 'auto', NO_COLOR: '1' };
let dev: ChildProcess;
let stdout = '';
let serverPids: number[] = [];

function run(args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env, timeout: 120_000 }, (error, out) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: out }),
    );
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  expect(existsSync(CLI), 'build the harness first (pnpm build)').toBe(true);
  dev = spawn(process.execPath, [CLI, 'dev'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  dev.stderr?.resume();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`harness did not start:\n${stdout}`)), 90_000);
    dev.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (stdout.includes('Ctrl-C stops everything')) {
        clearTimeout(timer);
        resolve();
      }
    });
    dev.once('exit', (code) => reject(new Error(`harness exited with ${code}:\n${stdout}`)));
  });
  const running = JSON.parse(readFileSync(join(stateDir, 'harness-running.json'), 'utf8')) as { pid: number };
  expect(running.pid).toBe(dev.pid);
  const children = await new Promise<string>((resolve) =>
    execFile('pgrep', ['-P', String(dev.pid)], (_e, out) => resolve(out)),
  );
  serverPids = children.split('\n').filter(Boolean).map(Number);
});

afterAll(() => {
  if (dev.exitCode === null) dev.kill('SIGKILL');
  for (const pid of serverPids) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

describe('harness', () => {
  it('starts every server and shows the status table', () => {
    for (const name of ['calculator', 'billing', 'k8s'])
      expect(stdout).toMatch(new RegExp(`${name}\\s+http://127\\.0\\.0\\.1:\\d+/mcp\\s+\\d+\\s+\\d+\\s+ready`));
    expect(serverPids).toHaveLength(3);
  });

  it('passes the smoke run with both clients', async () => {
    const { code, stdout: out } = await run(['smoke']);
    expect(out).toContain('24 passed, 0 failed');
    expect(code).toBe(0);
  });

  it('passes the conformance suite with 0 failed checks for every server', async () => {
    const { code, stdout: out } = await run(['conformance']);
    expect(out).toContain('24 passed, 0 failed');
    expect(code).toBe(0);
  });

  it('prints client configurations that start each server over stdio and answer tools/list', async () => {
    const { stdout: out } = await run(['config', '--client', 'cursor']);
    const config = JSON.parse(out) as {
      mcpServers: Record<string, { command: string; args: string[]; env: Record<string, string> }>;
    };
    expect(Object.keys(config.mcpServers).sort()).toEqual(['bulkhead-billing', 'bulkhead-calculator', 'bulkhead-k8s']);
    for (const [name, entry] of Object.entries(config.mcpServers)) {
      const client = new Client({ name: 'config-check', version: '1' });
      const stdioEnv = {
        ...entry.env,
        ...(name === 'bulkhead-k8s' ? { KUBECONFIG: join(stateDir, 'kube-sim', 'kubeconfig') } : {}),
      };
      await client.connect(
        new StdioClientTransport({ command: entry.command, args: entry.args, env: stdioEnv, stderr: 'ignore' }),
      );
      const { tools } = await client.listTools();
      expect(tools.length, name).toBeGreaterThan(0);
      await client.close();
    }
  });

  it('stops everything on SIGINT with no process left', async () => {
    const exited = new Promise<number | null>((resolve) => dev.once('exit', (code) => resolve(code)));
    dev.kill('SIGINT');
    expect(await exited).toBe(0);
    for (const pid of serverPids) expect(alive(pid), `server pid ${pid}`).toBe(false);
    expect(existsSync(join(stateDir, 'harness-running.json'))).toBe(false);
  });
});
