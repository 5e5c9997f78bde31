/** Property-based invariants on PGlite: random sequences with duplicates and bursts keep the ledger sound. */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { pgliteDatabase, type TestDatabase } from '../testing/billing-test-kit.js';
import { assertInvariantsHold } from '../testing/invariant-property.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await pgliteDatabase();
});
afterAll(async () => {
  await database.drop();
});

describe('ledger invariants (PGlite, fast-check)', () => {
  it('hold after 30 random sequences of onboard, collect, refund, credit, change plan and cancel', async () => {
    await assertInvariantsHold(database.db, 30);
  }, 120_000);
});
