/** change_plan through a real client on PGlite: preview writes nothing, apply with the same id, proration, errors. */
import { describe, expect, it } from 'vitest';
import { billingOnPglite, type Loose, ledgerViolations, onboard, rid, rowCounts } from '../testing/billing-test-kit.js';

let clock = new Date('2026-03-01T00:00:00Z');
const suite = billingOnPglite({ now: () => clock });

describe('change_plan', () => {
  it('previews by default and writes nothing; applying with the same request_id invoices the prorated difference', async () => {
    clock = new Date('2026-03-01T00:00:00Z');
    const { subscriptionId } = await onboard(suite.h, { plan_id: 'pro_usd' });
    clock = new Date('2026-03-16T12:00:00Z'); // exactly half of the 31-day March period is left
    const before = await rowCounts(suite.db);
    const request_id = rid();
    const preview = await suite.h.call<Loose>('change_plan', {
      subscription_id: subscriptionId,
      new_plan_id: 'team_usd',
      request_id,
    });
    expect(preview.isError, preview.text).toBe(false);
    expect(preview.structured?.applied).toBe(false);
    expect(preview.structured?.change.lines.map((l: Loose) => l.amount.amount_minor)).toEqual([-1450, 4950]);
    expect(preview.structured?.net).toMatchObject({ amount_minor: 3500, display: '35.00 USD' });
    expect(await rowCounts(suite.db)).toEqual(before);
    const applied = await suite.h.call<Loose>('change_plan', {
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
    const [sub] = await suite.db.query<{ plan_id: string }>('SELECT plan_id FROM subscriptions WHERE id = $1', [
      subscriptionId,
    ]);
    expect(sub?.plan_id).toBe('team_usd');
    const again = await suite.h.call('change_plan', {
      subscription_id: subscriptionId,
      new_plan_id: 'team_usd',
      dry_run: false,
      request_id,
    });
    expect(again.meta?.['io.bulkhead/idempotency']).toEqual({ replayed: true });
    expect(await ledgerViolations(suite.db)).toEqual([]);
  });

  it('credits the customer on a downgrade, and the credit pays the next invoice first', async () => {
    clock = new Date('2026-03-01T00:00:00Z');
    const { subscriptionId, customerId } = await onboard(suite.h, { plan_id: 'team_usd' });
    clock = new Date('2026-03-16T12:00:00Z');
    const down = await suite.h.call<Loose>('change_plan', {
      subscription_id: subscriptionId,
      new_plan_id: 'basic_usd',
      dry_run: false,
      request_id: rid(),
    });
    expect(down.structured).toMatchObject({ invoice: null, credit_granted: { amount_minor: 4500 } });
    const up = await suite.h.call<Loose>('change_plan', {
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
    const summary = await suite.h.call<Loose>('get_billing_summary', { customer_id: customerId });
    expect(summary.structured?.totals.credit_balance.amount_minor).toBe(3500);
    expect(await ledgerViolations(suite.db)).toEqual([]);
  });

  it('refuses the current plan, another currency and a canceled subscription', async () => {
    const { subscriptionId } = await onboard(suite.h, { plan_id: 'pro_usd' });
    const same = await suite.h.call('change_plan', {
      subscription_id: subscriptionId,
      new_plan_id: 'pro_usd',
      request_id: rid(),
    });
    expect(same.error?.code).toBe('ALREADY_ON_PLAN');
    const eur = await suite.h.call('change_plan', {
      subscription_id: subscriptionId,
      new_plan_id: 'pro_eur',
      request_id: rid(),
    });
    expect(eur.error?.code).toBe('CURRENCY_MISMATCH');
    await suite.h.call('cancel_subscription', {
      subscription_id: subscriptionId,
      when: 'now',
      dry_run: false,
      request_id: rid(),
    });
    const canceled = await suite.h.call('change_plan', {
      subscription_id: subscriptionId,
      new_plan_id: 'team_usd',
      request_id: rid(),
    });
    expect(canceled.error?.code).toBe('SUBSCRIPTION_NOT_ACTIVE');
    const unknown = await suite.h.call('change_plan', {
      subscription_id: 'sub_nope',
      new_plan_id: 'team_usd',
      request_id: rid(),
    });
    expect(unknown.error?.code).toBe('NOT_FOUND');
  });
});
