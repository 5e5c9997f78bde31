/** apply_credit through a real client on PGlite. */
import { describe, expect, it } from 'vitest';
import { billingOnPglite, type Loose, ledgerViolations, onboard, rid, rowCounts } from '../testing/billing-test-kit.js';

const suite = billingOnPglite();

describe('apply_credit', () => {
  it('adds to the balance once per request_id; a wrong currency or unknown customer writes nothing', async () => {
    const { customerId } = await onboard(suite.h, { currency: 'EUR', plan_id: 'pro_eur' });
    const args = { customer_id: customerId, currency: 'EUR', amount_minor: 1234, note: 'outage', request_id: rid() };
    const r = await suite.h.call<Loose>('apply_credit', args);
    expect(r.structured).toMatchObject({ granted: { display: '12.34 EUR' }, credit_balance: { amount_minor: 1234 } });
    const again = await suite.h.call<Loose>('apply_credit', args);
    expect(again.structured?.credit_balance.amount_minor).toBe(1234);
    const before = await rowCounts(suite.db);
    expect((await suite.h.call('apply_credit', { ...args, currency: 'USD', request_id: rid() })).error?.code).toBe(
      'CURRENCY_MISMATCH',
    );
    expect(
      (await suite.h.call('apply_credit', { ...args, customer_id: 'cus_no', request_id: rid() })).error?.code,
    ).toBe('NOT_FOUND');
    expect((await suite.h.call('apply_credit', { ...args, amount_minor: -5, request_id: rid() })).error?.code).toBe(
      'INVALID_ARGUMENT',
    );
    expect(await rowCounts(suite.db)).toEqual(before);
    expect(await ledgerViolations(suite.db)).toEqual([]);
  });
});
