/**
 * The built bin over Streamable HTTP (static token, in-memory PGlite, demo data), driven by the v2 client
 * (version negotiation) and the v1 SDK client: onboard, collect, refund, replay; tools/list; /metrics.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as V1Transport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../dist/bin/mcp-billing-server.js', import.meta.url));
const TOKEN = 'e2e-static-token-0123456789abcdef0123456789';
const REPLAYED = 'io.bulkhead/idempotency';

let child: ChildProcess;
let exited: Promise<number | null>;
let url: URL;
let stderr = '';

beforeAll(async () => {
  expect(existsSync(BIN), `${BIN} is missing: run \`pnpm build\` first`).toBe(true);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !['DATABASE_URL', 'REDIS_URL', 'NODE_OPTIONS', 'PORT', 'MCP_TRANSPORT'].includes(k))
      env[k] = v;
  }
  child = spawn(process.execPath, [BIN, '--transport', 'http', '--port', '0', '--demo-data'], {
    env: { ...env, BILLING_DATA_DIR: 'memory://', LOG_LEVEL: 'info', AUTH_MODE: 'static', AUTH_TOKEN: TOKEN },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  url = await new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bin did not start:\n${stderr}`)), 20_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const line = stderr.split('\n').find((l) => l.includes('"msg":"serving Streamable HTTP"'));
      const match = line ? /"url":"(http:[^"]+)"/.exec(line) : null;
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(new URL(match[1]));
      }
    });
    void exited.then((code) => reject(new Error(`the bin exited with ${code}:\n${stderr}`)));
  });
});

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

const auth = { headers: { authorization: `Bearer ${TOKEN}` } };
type Result = { isError?: boolean; structuredContent?: unknown; content?: unknown; _meta?: Record<string, unknown> };
type Caller = (name: string, args: Record<string, unknown>) => Promise<Result>;

async function v2(): Promise<{ call: Caller; tools: () => Promise<string[]>; close: () => Promise<void> }> {
  const client = new Client({ name: 'billing-http-e2e', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
  await client.connect(new StreamableHTTPClientTransport(url, { requestInit: auth }));
  return {
    call: async (name, args) => (await client.callTool({ name, arguments: args })) as Result,
    tools: async () => (await client.listTools()).tools.map((t) => t.name),
    close: () => client.close(),
  };
}

async function v1(): Promise<{ call: Caller; tools: () => Promise<string[]>; close: () => Promise<void> }> {
  const client = new V1Client({ name: 'billing-http-e2e-v1', version: '1.0.0' });
  await client.connect(new V1Transport(url, { requestInit: auth }));
  return {
    call: async (name, args) => (await client.callTool({ name, arguments: args })) as Result,
    tools: async () => (await client.listTools()).tools.map((t) => t.name),
    close: () => client.close(),
  };
}

const ALL_TOOLS = [
  'apply_credit',
  'cancel_subscription',
  'change_plan',
  'collect_payment',
  'find_payments',
  'get_billing_summary',
  'issue_refund',
  'list_invoices',
  'onboard_customer',
];

describe('mcp-billing-server over Streamable HTTP (static token, in-memory PGlite)', () => {
  const refundArgs = { currency: 'USD', amount_minor: 900, reason: 'service_issue', request_id: 'http-refund-0001' };
  let paymentId = '';

  it('refuses a call without the token (401 naming the resource metadata)', async () => {
    const res = await fetch(new URL('/mcp', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('resource_metadata');
  });

  it('v2 client: lists every tool, onboards, collects, refunds, and a repeated refund replays', async () => {
    const c = await v2();
    try {
      expect((await c.tools()).sort()).toEqual(ALL_TOOLS);
      const onboarded = await c.call('onboard_customer', {
        name: 'HTTP Ltd',
        email: 'http-e2e@example.com',
        currency: 'USD',
        plan_id: 'pro_usd',
        request_id: 'http-onboard-0001',
      });
      expect(onboarded.isError, JSON.stringify(onboarded.content)).toBeFalsy();
      const invoiceId = (onboarded.structuredContent as { invoice: { id: string } }).invoice.id;
      const paid = await c.call('collect_payment', {
        invoice_id: invoiceId,
        currency: 'USD',
        request_id: 'http-pay-0001',
      });
      expect(paid.structuredContent).toMatchObject({
        payment: { status: 'succeeded', amount: { amount_minor: 2900 } },
      });
      paymentId = (paid.structuredContent as { payment: { id: string } }).payment.id;
      const refund = await c.call('issue_refund', { ...refundArgs, payment_id: paymentId });
      expect(refund.structuredContent).toMatchObject({ payment: { refundable: { amount_minor: 2000 } } });
      const replay = await c.call('issue_refund', { ...refundArgs, payment_id: paymentId });
      expect(replay._meta?.[REPLAYED]).toEqual({ replayed: true });
      expect(replay.structuredContent).toEqual(refund.structuredContent);
    } finally {
      await c.close();
    }
  });

  it('v1 client: lists every tool, replays the same refund, and reads the demo data', async () => {
    const c = await v1();
    try {
      expect((await c.tools()).sort()).toEqual(ALL_TOOLS);
      const replay = await c.call('issue_refund', { ...refundArgs, payment_id: paymentId });
      expect(replay._meta?.[REPLAYED]).toEqual({ replayed: true });
      const payments = await c.call('find_payments', { refundable_only: true });
      expect((payments.structuredContent as { payments: unknown[] }).payments.length).toBeGreaterThanOrEqual(2);
      const second = await c.call('issue_refund', {
        ...refundArgs,
        amount_minor: 100,
        request_id: 'http-refund-0002',
        payment_id: paymentId,
      });
      expect(second.structuredContent).toMatchObject({ payment: { refundable: { amount_minor: 1900 } } });
    } finally {
      await c.close();
    }
  });

  it('/metrics counts those calls, and SIGTERM exits 0', async () => {
    const text = await (await fetch(new URL('/metrics', url))).text();
    const sample = (name: string, labels: string) =>
      Number(
        text
          .split('\n')
          .find((l) => l.startsWith(`${name}{`) && labels.split(',').every((p) => l.includes(p)))
          ?.split(' ')
          .at(-1) ?? Number.NaN,
      );
    expect(sample('bulkhead_tool_calls_total', 'tool="issue_refund",outcome="ok",code="none"')).toBe(4);
    expect(sample('bulkhead_tool_calls_total', 'tool="collect_payment",outcome="ok"')).toBe(1);
    expect(sample('bulkhead_idempotency_outcomes_total', 'tool="issue_refund",outcome="replayed"')).toBe(2);
    expect(sample('bulkhead_idempotency_outcomes_total', 'tool="issue_refund",outcome="executed"')).toBe(2);
    expect(text).toMatch(/bulkhead_tool_call_duration_seconds_count\{[^}]*tool="find_payments"[^}]*\} 1/);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/"level":(50|60)/);
  });
});
