/** apply_credit through a real client on PGlite. */
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
beforeAll(async () => {
  database = await pgliteDatabase();
  h = await startBilling(database.db);
});
afterAll(async () => {
  await h.close();
  await database.drop();
});

describe('apply_credit', () => {
  it('adds to the balance once per request_id; a wrong currency or unknown customer writes nothing', async () => {
    const { customerId } = await onboard(h, { currency: 'EUR', plan_id: 'pro_eur' });
    const args = { customer_id: customerId, currency: 'EUR', amount_minor: 1234, note: 'outage', request_id: rid() };
    const r = await h.call<Loose>('apply_credit', args);
    expect(r.structured).toMatchObject({ granted: { display: '12.34 EUR' }, credit_balance: { amount_minor: 1234 } });
    const again = await h.call<Loose>('apply_credit', args);
    expect(again.structured?.credit_balance.amount_minor).toBe(1234);
    const before = await rowCounts(database.db);
    expect((await h.call('apply_credit', { ...args, currency: 'USD', request_id: rid() })).error?.code).toBe(
      'CURRENCY_MISMATCH',
    );
    expect((await h.call('apply_credit', { ...args, customer_id: 'cus_no', request_id: rid() })).error?.code).toBe(
      'NOT_FOUND',
    );
    expect((await h.call('apply_credit', { ...args, amount_minor: -5, request_id: rid() })).error?.code).toBe(
      'INVALID_ARGUMENT',
    );
    expect(await rowCounts(database.db)).toEqual(before);
    expect(await ledgerViolations(database.db)).toEqual([]);
  });
});
