/** cancel_subscription through a real client on PGlite: preview, now with refund or credit, period end, twice. */
import { describe, expect, it } from 'vitest';
import {
  billingOnPglite,
  type Loose,
  ledgerViolations,
  paidCustomer,
  rid,
  rowCounts,
} from '../testing/billing-test-kit.js';

let clock = new Date('2026-04-01T00:00:00Z');
const suite = billingOnPglite({ now: () => clock });

describe('cancel_subscription', () => {
  it('previews a refund of unused time, then applies it once with the same request_id', async () => {
    clock = new Date('2026-04-01T00:00:00Z');
    const { subscriptionId, paymentId } = await paidCustomer(suite.h, 3_000);
    clock = new Date('2026-04-21T00:00:00Z'); // 10 of 30 days left
    const before = await rowCounts(suite.db);
    const args = { subscription_id: subscriptionId, when: 'now', unused_time: 'refund', request_id: rid() };
    const preview = await suite.h.call<Loose>('cancel_subscription', args);
    expect(preview.structured).toMatchObject({
      applied: false,
      amounts: { unused: { amount_minor: 1000 }, refunded: { amount_minor: 1000 } },
    });
    expect(await rowCounts(suite.db)).toEqual(before);
    const done = await suite.h.call<Loose>('cancel_subscription', { ...args, dry_run: false });
    expect(done.isError, done.text).toBe(false);
    expect(done.structured).toMatchObject({
      applied: true,
      subscription: { status: 'canceled' },
      refunds: [{ payment_id: paymentId }],
    });
    const replay = await suite.h.call('cancel_subscription', { ...args, dry_run: false });
    expect(replay.meta?.['io.bulkhead/idempotency']).toEqual({ replayed: true });
    const [p] = await suite.db.query<{ refunded_minor: unknown }>('SELECT refunded_minor FROM payments WHERE id = $1', [
      paymentId,
    ]);
    expect(Number(p?.refunded_minor)).toBe(1000);
    const twice = await suite.h.call('cancel_subscription', {
      subscription_id: subscriptionId,
      when: 'now',
      dry_run: false,
      request_id: rid(),
    });
    expect(twice.error?.code).toBe('ALREADY_CANCELED');
    expect(await ledgerViolations(suite.db)).toEqual([]);
  });

  it('credits unused time, or schedules the end of the period', async () => {
    clock = new Date('2026-04-01T00:00:00Z');
    const a = await paidCustomer(suite.h, 3_000);
    const b = await paidCustomer(suite.h, 3_000);
    clock = new Date('2026-04-16T00:00:00Z');
    const credit = await suite.h.call<Loose>('cancel_subscription', {
      subscription_id: a.subscriptionId,
      when: 'now',
      unused_time: 'credit',
      dry_run: false,
      request_id: rid(),
    });
    expect(credit.structured?.amounts).toMatchObject({
      credited: { amount_minor: 1500 },
      refunded: { amount_minor: 0 },
    });
    const later = await suite.h.call<Loose>('cancel_subscription', {
      subscription_id: b.subscriptionId,
      when: 'period_end',
      dry_run: false,
      request_id: rid(),
    });
    expect(later.structured?.subscription).toMatchObject({ status: 'active', ends_at: '2026-05-01T00:00:00.000Z' });
    const again = await suite.h.call('cancel_subscription', {
      subscription_id: b.subscriptionId,
      when: 'now',
      request_id: rid(),
    });
    expect(again.error?.code).toBe('ALREADY_CANCELED');
    const bad = await suite.h.call('cancel_subscription', {
      subscription_id: a.subscriptionId,
      when: 'sometime',
      request_id: rid(),
    });
    expect(bad.error?.code).toBe('INVALID_ARGUMENT');
    expect(await ledgerViolations(suite.db)).toEqual([]);
  });
});
