/** The built bin over stdio with embedded PGlite: onboard, collect, refund, replay (also across a restart), and the lock. */
import { type ChildProcess, execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../dist/bin/mcp-billing-server.js', import.meta.url));
const ERROR_META_KEY = 'io.bulkhead/error';
const root = mkdtempSync(join(tmpdir(), 'billing-e2e-'));
const dataDir = join(root, 'data');

function env(extra: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !['MCP_TRANSPORT', 'PORT', 'DATABASE_URL', 'NODE_OPTIONS', 'BILLING_DATA_DIR'].includes(k))
      out[k] = v;
  }
  return { ...out, BILLING_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...extra };
}

async function connect(args: string[] = []): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, ...args],
    env: env(),
    stderr: 'pipe',
  });
  const client = new Client({ name: 'billing-e2e', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
  await client.connect(transport);
  return client;
}

const children = new Set<ChildProcess>();
beforeAll(() => {
  expect(existsSync(BIN), `${BIN} is missing: run \`pnpm build\` first`).toBe(true);
});
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

describe('mcp-billing-server over stdio (embedded PGlite)', () => {
  const ids = { invoice: '', payment: '' };
  const refundArgs = { currency: 'USD', amount_minor: 900, reason: 'service_issue', request_id: 'e2e-refund-0001' };

  it('onboards, collects, refunds and replays a refund once', async () => {
    const client = await connect();
    try {
      expect((await client.listTools()).tools).toHaveLength(9);
      const onboarded = await client.callTool({
        name: 'onboard_customer',
        arguments: {
          name: 'E2E Ltd',
          email: 'e2e@example.com',
          currency: 'USD',
          plan_id: 'pro_usd',
          request_id: 'e2e-onboard-0001',
        },
      });
      expect(onboarded.isError, JSON.stringify(onboarded.content)).toBeFalsy();
      ids.invoice = (onboarded.structuredContent as { invoice: { id: string } }).invoice.id;
      const paid = await client.callTool({
        name: 'collect_payment',
        arguments: { invoice_id: ids.invoice, currency: 'USD', request_id: 'e2e-collect-0001' },
      });
      expect(paid.structuredContent).toMatchObject({
        payment: { status: 'succeeded', amount: { amount_minor: 2900 } },
      });
      ids.payment = (paid.structuredContent as { payment: { id: string } }).payment.id;
      const refund = await client.callTool({
        name: 'issue_refund',
        arguments: { ...refundArgs, payment_id: ids.payment },
      });
      expect(refund.structuredContent).toMatchObject({ payment: { refundable: { amount_minor: 2000 } } });
      const replay = await client.callTool({
        name: 'issue_refund',
        arguments: { ...refundArgs, payment_id: ids.payment },
      });
      expect(replay._meta?.['io.bulkhead/idempotency']).toEqual({ replayed: true });
      expect(replay.structuredContent).toEqual(refund.structuredContent);
      const bad = await client.callTool({
        name: 'issue_refund',
        arguments: { ...refundArgs, request_id: 'e2e-refund-0002', payment_id: ids.payment, currency: 'EUR' },
      });
      expect(bad._meta?.[ERROR_META_KEY]).toMatchObject({ code: 'CURRENCY_MISMATCH' });
    } finally {
      await client.close();
    }
  });

  it('after a restart (idempotency store gone) replays the refund from the ledger instead of refunding twice', async () => {
    const client = await connect();
    try {
      const replay = await client.callTool({
        name: 'issue_refund',
        arguments: { ...refundArgs, payment_id: ids.payment },
      });
      expect(replay.isError).toBeFalsy();
      expect(JSON.stringify(replay.content)).toContain('Already done earlier');
      const payments = await client.callTool({ name: 'find_payments', arguments: { invoice_id: ids.invoice } });
      expect(payments.structuredContent).toMatchObject({ payments: [{ refunded: { amount_minor: 900 } }] });
    } finally {
      await client.close();
    }
  });

  it('a second process on the same data directory refuses to start with one clear line', async () => {
    const first = await connect();
    // A 2026-07-28 connect over stdio probes a sibling process and sends nothing to the real one until the first
    // request: make one, so the real server has opened (and locked) the data directory.
    await first.listTools();
    try {
      const run = await new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) => {
        const child = execFile(process.execPath, [BIN], { env: env(), timeout: 25_000 }, (_e, stdout, stderr) =>
          resolve({ code: child.exitCode, stderr, stdout }),
        );
        children.add(child);
      });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(
        /mcp-billing-server: cannot start: the billing data directory .* is in use by another process \(pid \d+\)/,
      );
    } finally {
      await first.close();
    }
  }, 60_000);

  it('--demo-data seeds customers and --profile read-only lists only read tools', async () => {
    const client = await connect(['--demo-data', '--profile', 'read-only', '--data-dir', join(root, 'demo')]);
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual([
        'find_payments',
        'get_billing_summary',
        'list_invoices',
      ]);
      const invoices = await client.callTool({ name: 'list_invoices', arguments: {} });
      expect((invoices.structuredContent as { invoices: unknown[] }).invoices.length).toBeGreaterThanOrEqual(4);
    } finally {
      await client.close();
    }
  });
});
