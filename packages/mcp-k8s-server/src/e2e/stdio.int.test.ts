/** The built bin over stdio against kube-sim: diagnose, deploy, job status; stdout is only JSON-RPC; no cluster, no start. */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type KubeSim, startKubeSim } from '@bulkhead/kube-sim';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../dist/bin/mcp-k8s-server.js', import.meta.url));

function cleanEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      value !== undefined &&
      !['MCP_TRANSPORT', 'HOST', 'PORT', 'LOG_LEVEL', 'NODE_OPTIONS', 'KUBECONFIG'].includes(key)
    )
      env[key] = value;
  }
  return { ...env, ...extra };
}

const children = new Set<ChildProcess>();
afterEach(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
});

let sim: KubeSim;
beforeAll(async () => {
  expect(existsSync(BIN), `${BIN} is missing: run \`pnpm build\` first`).toBe(true);
  sim = await startKubeSim({ scenario: 'demo', tickMs: 25 });
});
afterAll(async () => {
  await sim?.close();
});

interface ToolAnswer {
  isError?: boolean;
  structuredContent?: Record<string, unknown>;
}

describe('the bin over stdio against kube-sim', () => {
  it('diagnoses, deploys and reports the job, with only JSON-RPC on stdout', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN],
      env: cleanEnv({ KUBECONFIG: sim.kubeconfigPath, LOG_LEVEL: 'info' }),
      stderr: 'pipe',
    });
    const client = new Client({ name: 'e2e', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
    try {
      await client.connect(transport);
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('diagnose_workload');

      const diagnosis = (await client.callTool({
        name: 'diagnose_workload',
        arguments: { namespace: 'demo', name: 'api-crashloop' },
      })) as ToolAnswer;
      expect(diagnosis.isError).toBeFalsy();
      expect(diagnosis.structuredContent).toMatchObject({
        root_cause: { kind: 'crash_loop' },
        next_step: { tool: 'rollback_service' },
      });

      const deploy = (await client.callTool({
        name: 'deploy_service',
        arguments: {
          namespace: 'demo',
          name: 'e2e-web',
          image: 'ghcr.io/acme/web:2.3.1',
          replicas: 2,
          request_id: 'e2e-deploy-00001',
        },
      })) as ToolAnswer;
      expect(deploy.isError).toBeFalsy();
      const jobId = String(deploy.structuredContent?.job_id);

      let state = 'running';
      for (let i = 0; i < 100 && state === 'running'; i += 1) {
        const status = (await client.callTool({ name: 'get_job_status', arguments: { job_id: jobId } })) as ToolAnswer;
        state = String(status.structuredContent?.state);
        if (state === 'running') await new Promise((r) => setTimeout(r, 100));
      }
      expect(state).toBe('succeeded');
    } finally {
      await client.close();
    }
  });

  it('refuses to start without a cluster, with one clear stderr line', async () => {
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        [BIN],
        { env: cleanEnv({ HOME: '/nonexistent-home' }), timeout: 10_000 },
        (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
      );
      children.add(child);
      child.stdin?.end();
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n').filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^mcp-k8s-server: no Kubernetes cluster configured/);
  });

  it('refuses to start when the API server does not answer', async () => {
    // A kubeconfig whose server was just closed: the port refuses connections.
    const down = await startKubeSim({ scenario: 'empty' });
    const file = join(mkdtempSync(join(tmpdir(), 'k8s-e2e-')), 'config');
    writeFileSync(file, down.kubeconfigYaml);
    await down.close();
    const run = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        [BIN],
        { env: cleanEnv({ KUBECONFIG: file }), timeout: 10_000 },
        (_e, _o, stderr) => resolve({ code: child.exitCode, stderr }),
      );
      children.add(child);
      child.stdin?.end();
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^mcp-k8s-server: cannot reach the Kubernetes API server at https:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)\n$/,
    );
  });
});

describe('raw stdio', () => {
  it('writes nothing but JSON-RPC to stdout', async () => {
    const child = spawn(process.execPath, [BIN], { env: cleanEnv({ KUBECONFIG: sim.kubeconfigPath }), stdio: 'pipe' });
    children.add(child);
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
    });
    const send = (m: unknown) => child.stdin.write(`${JSON.stringify(m)}\n`);
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'cluster_overview', arguments: {} } });
    send({
      jsonrpc: '2.0',
      id: 3,
      method: 'tools/call',
      params: { name: 'get_logs', arguments: { namespace: 'demo', name: 'api-crashloop', previous: true } },
    });
    const deadline = Date.now() + 8000;
    while (!(stdout.includes('"id":2') && stdout.includes('"id":3')) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    child.stdin.end();
    const lines = stdout.split('\n').filter((l) => l !== '');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    expect(stdout).toContain('missing required environment variable DATABASE_URL');
  });
});
