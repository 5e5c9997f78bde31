/** change_plan through a real client on PGlite: preview writes nothing, apply with the same id, proration, errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BillingHarness,
  type Loose,
  ledgerViolations,
  onboard,
  pgliteDatabase,
  rid,
  rowCounts,
  startBilling,
  type TestDatabase,
} from '../testing/billing-test-kit.js';

let database: TestDatabase;
let h: BillingHarness;
let clock = new Date('2026-03-01T00:00:00Z');
beforeAll(async () => {
  database = await pgliteDatabase();
  h = await startBilling(database.db, { now: () => clock });
});
afterAll(async () => {
  await h.close();
  await database.drop();
});

describe('change_plan', () => {
  it('previews by default and writes nothing; applying with the same request_id invoices the prorated difference', async () => {
    clock = new Date('2026-03-01T00:00:00Z');
    const { subscriptionId } = await onboard(h, { plan_id: 'pro_usd' });
    clock = new Date('2026-03-16T12:00:00Z'); // exactly half of the 31-day March period is left
    const before = await rowCounts(database.db);
    const request_id = rid();
    const preview = await h.call<Loose>('change_plan', {
      subscription_id: subscriptionId,
      new_plan_id: 'team_usd',
      request_id,
    });
    expect(preview.isError, preview.text).toBe(false);
    expect(preview.structured?.applied).toBe(false);
    expect(preview.structured?.change.lines.map((l: Loose) => l.amount.amount_minor)).toEqual([-1450, 4950]);
    expect(preview.structured?.net).toMatchObject({ amount_minor: 3500, display: '35.00 USD' });
    expect(await rowCounts(database.db)).toEqual(before);
    const applied = await h.call<Loose>('change_plan', {
      subscription_id: subscriptionId,
      new_plan_id: 'team_usd',
      dry_run: false,
      request_id,
    });
    expect(applied.isError, applied.text).toBe(false);
    expect(applied.structured).toMatchObject({
      applied: true,
      invoice: { total: { amount_minor: 3500 }, status: 'open' },
    });
    const [sub] = await database.db.query<{ plan_id: string }>('SELECT plan_id FROM subscriptions WHERE id = $1', [
      subscriptionId,
    ]);
    expect(sub?.plan_id).toBe('team_usd');
    const again = await h.call('change_plan', {
      subscription_id: subscriptionId,
      new_plan_id: 'team_usd',
      dry_run: false,
      request_id,
    });
    expect(again.meta?.['io.bulkhead/idempotency']).toEqual({ replayed: true });
    expect(await ledgerViolations(database.db)).toEqual([]);
  });

  it('credits the customer on a downgrade, and the credit pays the next invoice first', async () => {
    clock = new Date('2026-03-01T00:00:00Z');
    const { subscriptionId, customerId } = await onboard(h, { plan_id: 'team_usd' });
    clock = new Date('2026-03-16T12:00:00Z');
    const down = await h.call<Loose>('change_plan', {
      subscription_id: subscriptionId,
      new_plan_id: 'basic_usd',
      dry_run: false,
      request_id: rid(),
    });
    expect(down.structured).toMatchObject({ invoice: null, credit_granted: { amount_minor: 4500 } });
    const up = await h.call<Loose>('change_plan', {
      subscription_id: subscriptionId,
      new_plan_id: 'pro_usd',
      dry_run: false,
      request_id: rid(),
    });
    // +10.00 net, paid entirely from the 45.00 credit.
    expect(up.structured?.invoice).toMatchObject({
      total: { amount_minor: 1000 },
      amount_due: { amount_minor: 0 },
      status: 'paid',
    });
    const summary = await h.call<Loose>('get_billing_summary', { customer_id: customerId });
    expect(summary.structured?.totals.credit_balance.amount_minor).toBe(3500);
    expect(await ledgerViolations(database.db)).toEqual([]);
  });

  it('refuses the current plan, another currency and a canceled subscription', async () => {
    const { subscriptionId } = await onboard(h, { plan_id: 'pro_usd' });
    const same = await h.call('change_plan', {
      subscription_id: subscriptionId,
      new_plan_id: 'pro_usd',
      request_id: rid(),
    });
    expect(same.error?.code).toBe('ALREADY_ON_PLAN');
    const eur = await h.call('change_plan', {
      subscription_id: subscriptionId,
      new_plan_id: 'pro_eur',
      request_id: rid(),
    });
    expect(eur.error?.code).toBe('CURRENCY_MISMATCH');
    await h.call('cancel_subscription', {
      subscription_id: subscriptionId,
      when: 'now',
      dry_run: false,
      request_id: rid(),
    });
    const canceled = await h.call('change_plan', {
      subscription_id: subscriptionId,
      new_plan_id: 'team_usd',
      request_id: rid(),
    });
    expect(canceled.error?.code).toBe('SUBSCRIPTION_NOT_ACTIVE');
    const unknown = await h.call('change_plan', {
      subscription_id: 'sub_nope',
      new_plan_id: 'team_usd',
      request_id: rid(),
    });
    expect(unknown.error?.code).toBe('NOT_FOUND');
  });
});
