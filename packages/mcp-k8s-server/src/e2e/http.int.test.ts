/** The built bin over Streamable HTTP against kube-sim, driven by the v2 client: diagnose, scale, job status. */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEMO_NAMESPACE, DEMO_WORKLOADS, type KubeSim, startKubeSim } from '@bulkhead/kube-sim';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../dist/bin/mcp-k8s-server.js', import.meta.url));

interface ToolAnswer {
  isError?: boolean;
  structuredContent?: Record<string, unknown>;
  content?: Array<{ type: string; text?: string }>;
}

let sim: KubeSim;
let child: ChildProcessWithoutNullStreams | undefined;
let stderr = '';
let url: URL;

function logLines(): Array<Record<string, unknown>> {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

beforeAll(async () => {
  expect(existsSync(BIN), `${BIN} is missing: run \`pnpm build\` first`).toBe(true);
  sim = await startKubeSim({ scenario: 'demo', tickMs: 25 });
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !['MCP_TRANSPORT', 'HOST', 'PORT', 'NODE_OPTIONS', 'KUBECONFIG'].includes(key))
      env[key] = value;
  }
  child = spawn(process.execPath, [BIN, '--transport', 'http', '--port', '0'], {
    env: { ...env, KUBECONFIG: sim.kubeconfigPath, LOG_LEVEL: 'info' },
    stdio: 'pipe',
  });
  child.stdout.resume();
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const deadline = Date.now() + 10_000;
  for (;;) {
    const serving = logLines().find((l) => l.msg === 'serving Streamable HTTP');
    if (serving) {
      url = new URL(String(serving.url));
      break;
    }
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`no "serving Streamable HTTP" line; stderr:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
});

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child?.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  await sim?.close();
});

describe('the bin over Streamable HTTP against kube-sim', () => {
  it('serves on loopback at /mcp after connecting to the cluster', () => {
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.pathname).toBe('/mcp');
    expect(Number(url.port)).toBeGreaterThan(0);
    expect(logLines().some((l) => l.msg === 'connected to the Kubernetes API')).toBe(true);
  });

  it('diagnoses the crash loop, scales web-healthy and reports the job to completion', async () => {
    const client = new Client({ name: 'e2e-http', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
    await client.connect(new StreamableHTTPClientTransport(url));
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(
        expect.arrayContaining(['diagnose_workload', 'scale_service', 'get_job_status']),
      );

      const diagnosis = (await client.callTool({
        name: 'diagnose_workload',
        arguments: { namespace: DEMO_NAMESPACE, name: DEMO_WORKLOADS.crashLoop },
      })) as ToolAnswer;
      expect(diagnosis.isError).toBeFalsy();
      expect(diagnosis.structuredContent).toMatchObject({
        root_cause: { kind: 'crash_loop' },
        next_step: { tool: 'rollback_service', arguments: { to_revision: 1 } },
      });
      expect(JSON.stringify(diagnosis.structuredContent)).toContain('DATABASE_URL');

      const scale = (await client.callTool({
        name: 'scale_service',
        arguments: {
          namespace: DEMO_NAMESPACE,
          name: DEMO_WORKLOADS.healthy,
          replicas: 4,
          request_id: 'e2e-http-scale-01',
        },
      })) as ToolAnswer;
      expect(scale.isError, JSON.stringify(scale.content)).toBeFalsy();
      const jobId = String(scale.structuredContent?.job_id);
      expect(jobId).not.toBe('undefined');

      let status: ToolAnswer | undefined;
      for (let i = 0; i < 100; i += 1) {
        status = (await client.callTool({ name: 'get_job_status', arguments: { job_id: jobId } })) as ToolAnswer;
        if (status.structuredContent?.state !== 'running') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(status?.isError).toBeFalsy();
      expect(status?.structuredContent).toMatchObject({ job_id: jobId, kind: 'scale', state: 'succeeded' });

      // The cluster is the source of truth: the Deployment has 4 ready replicas.
      const overview = (await client.callTool({
        name: 'list_workloads',
        arguments: { namespace: DEMO_NAMESPACE, health: 'healthy' },
      })) as ToolAnswer;
      const rows = overview.structuredContent?.rows as Array<{ name: string; ready: string }>;
      expect(rows.find((r) => r.name === DEMO_WORKLOADS.healthy)?.ready).toBe('4/4');

      // A replay of the same request_id answers the same job without scaling again.
      const replay = (await client.callTool({
        name: 'scale_service',
        arguments: {
          namespace: DEMO_NAMESPACE,
          name: DEMO_WORKLOADS.healthy,
          replicas: 4,
          request_id: 'e2e-http-scale-01',
        },
      })) as ToolAnswer;
      expect(replay.structuredContent?.job_id).toBe(jobId);
    } finally {
      await client.close();
    }
    // One audit line per mutating call on the structured log.
    const audits = logLines().filter((l) => l.log_type === 'audit' && l.tool === 'scale_service');
    expect(audits.length).toBeGreaterThanOrEqual(1);
    expect(audits[0]).toMatchObject({ request_id: 'e2e-http-scale-01', outcome: 'ok' });
  });
});
