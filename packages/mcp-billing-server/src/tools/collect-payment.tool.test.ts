/** collect_payment through a real client on PGlite: charge, decline, timeout, currency and state checks, replay. */
import { describe, expect, it } from 'vitest';
import { billingOnPglite, type Loose, ledgerViolations, onboard, rid, rowCounts } from '../testing/billing-test-kit.js';

const suite = billingOnPglite();

async function customPlan(amount: number): Promise<string> {
  const id = `t_${amount}`;
  await suite.db.query(`INSERT INTO plans VALUES ($1, 'T', 'USD', $2, 'month') ON CONFLICT DO NOTHING`, [id, amount]);
  return id;
}

describe('collect_payment', () => {
  it('charges the amount due, marks the invoice paid and posts cash against receivable', async () => {
    const { invoiceId } = await onboard(suite.h);
    const r = await suite.h.call<Loose>('collect_payment', {
      invoice_id: invoiceId,
      currency: 'USD',
      request_id: rid(),
    });
    expect(r.isError, r.text).toBe(false);
    expect(r.structured?.payment).toMatchObject({
      status: 'succeeded',
      amount: { amount_minor: 2900, currency: 'USD', display: '29.00 USD' },
      refundable: { amount_minor: 2900 },
    });
    expect(r.structured?.invoice).toMatchObject({ id: invoiceId, status: 'paid', amount_due: { amount_minor: 0 } });
    expect(r.meta?.['io.bulkhead/idempotency']).toEqual({ replayed: false });
    expect(await ledgerViolations(suite.db)).toEqual([]);
  });

  it('collects part of an invoice, then the rest', async () => {
    const { invoiceId } = await onboard(suite.h);
    const part = await suite.h.call<Loose>('collect_payment', {
      invoice_id: invoiceId,
      currency: 'USD',
      amount_minor: 1000,
      request_id: rid(),
    });
    expect(part.structured?.invoice).toMatchObject({ status: 'open', amount_due: { amount_minor: 1900 } });
    const rest = await suite.h.call<Loose>('collect_payment', {
      invoice_id: invoiceId,
      currency: 'USD',
      request_id: rid(),
    });
    expect(rest.structured?.payment.amount.amount_minor).toBe(1900);
    expect(rest.structured?.invoice.status).toBe('paid');
  });

  it('replays a repeated request_id with one charge', async () => {
    const { invoiceId } = await onboard(suite.h);
    const args = { invoice_id: invoiceId, currency: 'USD', request_id: rid() };
    const before = suite.h.processor.calls.charges;
    const first = await suite.h.call('collect_payment', args);
    const second = await suite.h.call('collect_payment', args);
    expect(second.structured).toEqual(first.structured);
    expect(second.meta?.['io.bulkhead/idempotency']).toEqual({ replayed: true });
    expect(suite.h.processor.calls.charges - before).toBe(1);
    const [row] = await suite.db.query<{ n: unknown }>('SELECT count(*) AS n FROM payments WHERE invoice_id = $1', [
      invoiceId,
    ]);
    expect(Number(row?.n)).toBe(1);
  });

  it('records a decline (amount ending in 02) as a failed payment and answers CARD_DECLINED, replayed the same', async () => {
    const { invoiceId } = await onboard(suite.h, { plan_id: await customPlan(1002) });
    const args = { invoice_id: invoiceId, currency: 'USD', request_id: rid() };
    const r = await suite.h.call('collect_payment', args);
    expect(r.isError).toBe(true);
    expect(r.error).toMatchObject({ code: 'CARD_DECLINED', outcome: 'failed', retryable: false });
    const again = await suite.h.call('collect_payment', args);
    expect(again.error?.code).toBe('CARD_DECLINED');
    const rows = await suite.db.query<{ status: string }>('SELECT status FROM payments WHERE invoice_id = $1', [
      invoiceId,
    ]);
    expect(rows.map((x) => x.status)).toEqual(['failed']);
    expect(await ledgerViolations(suite.db)).toEqual([]);
  });

  it('answers a processor timeout (4,000.09) with outcome unknown and writes nothing', async () => {
    const { invoiceId } = await onboard(suite.h, { plan_id: await customPlan(400009) });
    const before = await rowCounts(suite.db);
    const r = await suite.h.call('collect_payment', { invoice_id: invoiceId, currency: 'USD', request_id: rid() });
    expect(r.error).toMatchObject({ code: 'PAYMENT_OUTCOME_UNKNOWN', outcome: 'unknown', retryable: true });
    expect(r.text).toMatch(/same request_id/);
    expect(await rowCounts(suite.db)).toEqual(before);
  });

  it('refuses bad input with a clear code and writes nothing', async () => {
    const { invoiceId } = await onboard(suite.h);
    const before = await rowCounts(suite.db);
    const base = { invoice_id: invoiceId, currency: 'USD' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, amount_minor: 10.5 }, 'INVALID_ARGUMENT'],
      [{ ...base, amount_minor: -100 }, 'INVALID_ARGUMENT'],
      [{ ...base, amount_minor: 0 }, 'INVALID_ARGUMENT'],
      [{ ...base, amount_minor: 10_000_000_001 }, 'INVALID_ARGUMENT'],
      [{ ...base, amount_minor: '12.00' }, 'INVALID_ARGUMENT'],
      [{ ...base, currency: 'EUR' }, 'CURRENCY_MISMATCH'],
      [{ ...base, currency: 'XYZ' }, 'UNSUPPORTED_CURRENCY'],
      [{ ...base, invoice_id: 'inv_doesnotexist' }, 'NOT_FOUND'],
      [{ ...base, amount_minor: 2901 }, 'AMOUNT_EXCEEDS_DUE'],
      [{ invoice_id: invoiceId, currency: 'USD', surprise: 1 }, 'INVALID_ARGUMENT'],
    ];
    for (const [args, code] of cases) {
      const r = await suite.h.call('collect_payment', { ...args, request_id: rid() });
      expect(r.isError, JSON.stringify(args)).toBe(true);
      expect(r.error?.code, JSON.stringify(args)).toBe(code);
      expect(r.text).not.toMatch(/SELECT|INSERT|127\.0\.0\.1|\bat \w+ \(/);
    }
    const missing = await suite.h.call('collect_payment', base);
    expect(missing.error?.code).toBe('INVALID_ARGUMENT');
    expect(await rowCounts(suite.db)).toEqual(before);
  });

  it('refuses to collect a paid invoice', async () => {
    const { invoiceId } = await onboard(suite.h);
    await suite.h.call('collect_payment', { invoice_id: invoiceId, currency: 'USD', request_id: rid() });
    const r = await suite.h.call('collect_payment', { invoice_id: invoiceId, currency: 'USD', request_id: rid() });
    expect(r.error?.code).toBe('INVOICE_NOT_OPEN');
  });
});
