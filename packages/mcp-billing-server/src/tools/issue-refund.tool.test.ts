/** issue_refund through a real client on PGlite: default full refund, partial, bounds, failed payment, replay. */
import { describe, expect, it } from 'vitest';
import {
  billingOnPglite,
  type Loose,
  ledgerViolations,
  onboard,
  paidCustomer,
  rid,
  rowCounts,
} from '../testing/billing-test-kit.js';

const suite = billingOnPglite();

const refund = (args: Record<string, unknown>) =>
  suite.h.call<Loose>('issue_refund', {
    currency: 'USD',
    reason: 'customer_request',
    request_id: rid(),
    ...args,
  });

describe('issue_refund', () => {
  it('refunds part, then defaults to everything still refundable', async () => {
    const { paymentId } = await paidCustomer(suite.h, 2_900);
    const part = await refund({ payment_id: paymentId, amount_minor: 900 });
    expect(part.isError, part.text).toBe(false);
    expect(part.structured?.refund).toMatchObject({
      amount: { amount_minor: 900, display: '9.00 USD' },
      reason: 'customer_request',
    });
    expect(part.structured?.payment.refundable).toMatchObject({ amount_minor: 2_000 });
    const rest = await refund({ payment_id: paymentId });
    expect(rest.structured?.refund.amount.amount_minor).toBe(2_000);
    expect(rest.structured?.payment).toMatchObject({
      refunded: { amount_minor: 2_900 },
      refundable: { amount_minor: 0 },
    });
    expect(await ledgerViolations(suite.db)).toEqual([]);
  });

  it('refuses more than remains, a wrong currency, unknown ids and bad amounts, writing nothing', async () => {
    const { paymentId } = await paidCustomer(suite.h, 1_000);
    await refund({ payment_id: paymentId, amount_minor: 600 });
    const before = await rowCounts(suite.db);
    const cases: [Record<string, unknown>, string][] = [
      [{ payment_id: paymentId, amount_minor: 401 }, 'REFUND_EXCEEDS_REMAINING'],
      [{ payment_id: paymentId, currency: 'EUR' }, 'CURRENCY_MISMATCH'],
      [{ payment_id: 'pay_nope' }, 'NOT_FOUND'],
      [{ payment_id: paymentId, amount_minor: 0 }, 'INVALID_ARGUMENT'],
      [{ payment_id: paymentId, amount_minor: 1.5 }, 'INVALID_ARGUMENT'],
      [{ payment_id: paymentId, amount_minor: 'all' }, 'INVALID_ARGUMENT'],
      [{ payment_id: paymentId, reason: 'because' }, 'INVALID_ARGUMENT'],
    ];
    for (const [args, code] of cases) {
      const r = await refund(args);
      expect(r.error?.code, JSON.stringify(args)).toBe(code);
    }
    const over = await refund({ payment_id: paymentId, amount_minor: 401 });
    expect(over.error).toMatchObject({ outcome: 'failed', retryable: false });
    expect(over.text).toContain('4.00 USD');
    expect(await rowCounts(suite.db)).toEqual(before);
  });

  it('refuses to refund a failed payment', async () => {
    await suite.db.query("INSERT INTO plans VALUES ('t_decline', 'T', 'USD', 1502, 'month') ON CONFLICT DO NOTHING");
    const { invoiceId } = await onboard(suite.h, { plan_id: 't_decline' });
    const declined = await suite.h.call<Loose>('collect_payment', {
      invoice_id: invoiceId,
      currency: 'USD',
      request_id: rid(),
    });
    const paymentId = declined.error?.details?.payment_id as string;
    expect(paymentId).toMatch(/^pay_/);
    const r = await refund({ payment_id: paymentId });
    expect(r.error?.code).toBe('PAYMENT_NOT_REFUNDABLE');
  });

  it('applies a repeated request_id once', async () => {
    const { paymentId } = await paidCustomer(suite.h, 5_000);
    const args = { payment_id: paymentId, amount_minor: 1_000, request_id: rid() };
    const first = await refund(args);
    const second = await refund(args);
    expect(second.structured).toEqual(first.structured);
    expect(second.meta?.['io.bulkhead/idempotency']).toEqual({ replayed: true });
    const [row] = await suite.db.query<{ n: unknown }>('SELECT count(*) AS n FROM refunds WHERE payment_id = $1', [
      paymentId,
    ]);
    expect(Number(row?.n)).toBe(1);
  });
});
