/** onboard_customer through a real client on PGlite. */
import { describe, expect, it } from 'vitest';
import {
  billingOnPglite,
  type Loose,
  ledgerViolations,
  rid,
  rowCounts,
  startBilling,
} from '../testing/billing-test-kit.js';

const suite = billingOnPglite({ now: () => new Date('2026-01-31T12:00:00Z') });

describe('onboard_customer', () => {
  it('creates customer, subscription and first invoice in one ledger transaction', async () => {
    const r = await suite.h.call<Loose>('onboard_customer', {
      name: 'Kuwait Traders',
      email: 'kt@example.com',
      currency: 'KWD',
      plan_id: 'pro_kwd',
      request_id: rid(),
    });
    expect(r.isError, r.text).toBe(false);
    expect(r.structured?.customer).toMatchObject({ name: 'Kuwait Traders', currency: 'KWD' });
    expect(r.structured?.subscription).toMatchObject({
      plan_id: 'pro_kwd',
      current_period_end: '2026-02-28T12:00:00.000Z',
    });
    expect(r.structured?.invoice).toMatchObject({
      status: 'open',
      total: { amount_minor: 9500, display: '9.500 KWD' },
    });
    const [tx] = await suite.db.query<{ n: unknown }>(
      "SELECT count(*) AS n FROM ledger_transactions WHERE kind = 'onboard'",
    );
    expect(Number(tx?.n)).toBe(1);
    expect(await ledgerViolations(suite.db)).toEqual([]);
  });

  it('refuses a plan in another currency, an unknown plan, a taken email and a bad email, writing nothing', async () => {
    await suite.h.call('onboard_customer', {
      name: 'A',
      email: 'taken@example.com',
      currency: 'USD',
      plan_id: 'basic_usd',
      request_id: rid(),
    });
    const before = await rowCounts(suite.db);
    const base = { name: 'B', email: 'b@example.com', currency: 'USD', plan_id: 'pro_usd' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, currency: 'EUR' }, 'CURRENCY_MISMATCH'],
      [{ ...base, plan_id: 'gold_usd' }, 'NOT_FOUND'],
      [{ ...base, email: 'TAKEN@example.com' }, 'EMAIL_TAKEN'],
      [{ ...base, email: 'not-an-email' }, 'INVALID_ARGUMENT'],
      [{ ...base, currency: 'usd' }, 'UNSUPPORTED_CURRENCY'],
    ];
    for (const [args, code] of cases) {
      const r = await suite.h.call('onboard_customer', { ...args, request_id: rid() });
      expect(r.error?.code, JSON.stringify(args)).toBe(code);
    }
    expect(await rowCounts(suite.db)).toEqual(before);
  });

  it('onboards once per request_id, also when the idempotency store forgot it', async () => {
    const args = { name: 'C', email: 'c@example.com', currency: 'JPY', plan_id: 'pro_jpy', request_id: rid() };
    const first = await suite.h.call('onboard_customer', args);
    expect((first.structured as Loose)?.invoice.total.display).toBe('3,000 JPY');
    const fresh = await startBilling(suite.db);
    try {
      const again = await fresh.call('onboard_customer', args);
      expect(again.structured).toEqual(first.structured);
    } finally {
      await fresh.close();
    }
    const [row] = await suite.db.query<{ n: unknown }>(
      "SELECT count(*) AS n FROM customers WHERE email = 'c@example.com'",
    );
    expect(Number(row?.n)).toBe(1);
  });
});
