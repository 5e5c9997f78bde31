/** The shared ledger scenarios on embedded PGlite, plus the data-directory lock. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeLedgerScenarios } from '../testing/billing-scenarios.js';
import { pgliteDatabase } from '../testing/billing-test-kit.js';
import { DataDirLockedError } from './data-dir-lock.js';
import { openBillingDatabase } from './open-billing-database.js';

describeLedgerScenarios('PGlite', pgliteDatabase);

describe('PGlite data directory', () => {
  const root = mkdtempSync(join(tmpdir(), 'billing-lock-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is locked while open: a second open refuses with a clear message; data survives a reopen', async () => {
    const dataDir = join(root, 'data');
    const first = await openBillingDatabase({ dataDir });
    try {
      expect(existsSync(`${dataDir}.lock`)).toBe(true);
      await expect(openBillingDatabase({ dataDir })).rejects.toThrow(DataDirLockedError);
      await expect(openBillingDatabase({ dataDir })).rejects.toThrow(/in use by another process \(pid \d+\)/);
      await first.query(
        "INSERT INTO customers (id, name, email, currency, created_at) VALUES ('cus_keep', 'K', 'k@x.io', 'USD', now())",
      );
    } finally {
      await first.close();
    }
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    const second = await openBillingDatabase({ dataDir });
    try {
      expect(await second.query('SELECT id FROM customers')).toEqual([{ id: 'cus_keep' }]);
    } finally {
      await second.close();
    }
  });
});
