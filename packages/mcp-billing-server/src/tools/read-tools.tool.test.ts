/** get_billing_summary, list_invoices and find_payments through a real client on PGlite, with demo data. */
import { createServerMetrics } from '@bulkhead/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxPaymentProcessor } from '../adapters/sandbox-payment-processor.js';
import {
  type BillingHarness,
  type Loose,
  ledgerViolations,
  onboard,
  pgliteDatabase,
  startBilling,
  type TestDatabase,
} from '../testing/billing-test-kit.js';
import { seedDemoData } from '../use-cases/seed-demo-data.js';

let database: TestDatabase;
let h: BillingHarness;
let customerIds: readonly string[] = [];
const metrics = createServerMetrics('billing', { processMetrics: false });
const truncations = async () =>
  (await metrics.registry.getSingleMetricAsString('bulkhead_truncations_total'))
    .split('\n')
    .filter((line) => !line.startsWith('#') && line.trim() !== '');
beforeAll(async () => {
  database = await pgliteDatabase();
  const seeded = await seedDemoData(database.db, { processor: new SandboxPaymentProcessor() });
  customerIds = seeded.customerIds;
  h = await startBilling(database.db, { runtime: { metrics } });
});
afterAll(async () => {
  await h.close();
  await database.drop();
});

describe('demo data', () => {
  it('seeds once and keeps the ledger balanced', async () => {
    expect(customerIds).toHaveLength(4);
    expect((await seedDemoData(database.db)).seeded).toBe(false);
    expect(await ledgerViolations(database.db)).toEqual([]);
  });
});

describe('get_billing_summary', () => {
  it('shows due, credit, subscriptions and refundable payments', async () => {
    const acme = await h.call<Loose>('get_billing_summary', { customer_id: customerIds[0] });
    expect(acme.structured?.customer.name).toBe('Acme Corp');
    expect(acme.structured?.recent_payments[0]).toMatchObject({
      refunded: { amount_minor: 500 },
      refundable: { amount_minor: 2400 },
    });
    const globex = await h.call<Loose>('get_billing_summary', { customer_id: customerIds[1] });
    expect(globex.structured?.totals).toMatchObject({
      total_due: { display: '27.00 EUR' },
      credit_balance: { amount_minor: 1000 },
    });
    expect(globex.text).toContain('Globex');
    const missing = await h.call('get_billing_summary', { customer_id: 'cus_missing' });
    expect(missing.error?.code).toBe('NOT_FOUND');
  });

  it('caps its lists and says how to page', async () => {
    const { customerId } = await onboard(h);
    // Extra open invoices straight in the table: this test is about the summary's caps, not about posting.
    for (let i = 0; i < 6; i += 1) {
      await database.db.query(
        "INSERT INTO invoices (id, customer_id, currency, status, total_minor, created_at) VALUES ($1, $2, 'USD', 'open', 100, now())",
        [`inv_cap_${i}`, customerId],
      );
    }
    const full = await h.call<Loose>('get_billing_summary', { customer_id: customerIds[0] });
    expect(full.structured?.more).toEqual([]);
    expect(await truncations()).toEqual([]);
    const s = await h.call<Loose>('get_billing_summary', { customer_id: customerId });
    expect(await truncations()).toEqual([expect.stringMatching(/tool="get_billing_summary"[^\n]* 1$/)]);
    expect(s.text).toContain('more open invoices: list_invoices with customer_id and status "open"');
    expect(s.structured?.open_invoices.length).toBe(5);
    expect(s.structured?.totals.open_invoice_count).toBe(7);
    expect(s.structured?.more.join(' ')).toMatch(/list_invoices/);
  });
});

describe('list_invoices and find_payments', () => {
  it('walks every invoice exactly once across pages, and refuses a tampered or foreign cursor', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await h.call<Loose>('list_invoices', { limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.isError, page.text).toBe(false);
      seen.push(...(page.structured?.invoices ?? []).map((i: Loose) => i.id));
      cursor = page.structured?.next_cursor;
      pages += 1;
    } while (cursor && pages < 50);
    const [all] = await database.db.query<{ n: unknown }>('SELECT count(*) AS n FROM invoices');
    expect(seen).toHaveLength(Number(all?.n));
    expect(new Set(seen).size).toBe(seen.length);
    const first = await h.call<Loose>('list_invoices', { limit: 2 });
    const next = first.structured?.next_cursor as string;
    const tampered = `${next.slice(0, 5)}${next[5] === 'A' ? 'B' : 'A'}${next.slice(6)}`;
    expect((await h.call('list_invoices', { limit: 2, cursor: tampered })).error?.code).toBe('INVALID_CURSOR');
    expect((await h.call('list_invoices', { limit: 2, status: 'open', cursor: next })).error?.code).toBe(
      'INVALID_CURSOR',
    );
    expect((await h.call('find_payments', { limit: 2, cursor: next })).error?.code).toBe('INVALID_CURSOR');
  });

  it('filters payments by customer and refundability', async () => {
    const r = await h.call<Loose>('find_payments', {
      customer_id: customerIds[0],
      refundable_only: true,
    });
    expect(r.structured?.payments).toHaveLength(1);
    expect(r.structured?.payments[0].refundable.amount_minor).toBe(2400);
    const none = await h.call<Loose>('find_payments', { customer_id: customerIds[1] });
    expect(none.structured?.payments).toEqual([]);
    expect(none.text).toContain('No payments match');
    const open = await h.call<Loose>('list_invoices', { customer_id: customerIds[1], status: 'open' });
    expect(open.structured?.invoices).toHaveLength(1);
  });
});
