-- House accounts (cash, revenue, refunds and goodwill, one each per currency) take part in every posting of
-- their currency. Caching their balance made every money operation in a currency update the same row and hold
-- its lock until COMMIT, so concurrent operations queued behind one another. Only customer accounts (receivable,
-- credit), which tools read, keep a cached balance now; NULL means "not cached": sum the account's entries.
ALTER TABLE ledger_accounts ALTER COLUMN balance_minor DROP NOT NULL;
ALTER TABLE ledger_accounts ALTER COLUMN balance_minor DROP DEFAULT;
UPDATE ledger_accounts SET balance_minor = NULL WHERE id NOT LIKE 'receivable:%' AND id NOT LIKE 'credit:%';

-- An entry's currency is its account's currency: a foreign key says so (checked in C, per row) instead of the
-- row trigger that looked the account up in PL/pgSQL.
ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_id_currency UNIQUE (id, currency);
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_account_id_fkey;
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_account_currency_fkey
  FOREIGN KEY (account_id, currency) REFERENCES ledger_accounts (id, currency);

-- Cached balances follow every entry: once per statement (not per row), one UPDATE for all accounts touched.
DROP TRIGGER ledger_entries_apply ON ledger_entries;
DROP FUNCTION ledger_apply_entry();
CREATE FUNCTION ledger_apply_entries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ledger_accounts a SET balance_minor = a.balance_minor + d.delta
    FROM (SELECT account_id, sum(amount_minor) AS delta FROM new_entries GROUP BY account_id) d
    WHERE a.id = d.account_id AND a.balance_minor IS NOT NULL;
  RETURN NULL;
END;
$$;
CREATE TRIGGER ledger_entries_apply AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_apply_entries();

-- The commit-time balance check in one aggregate over the transaction's entries (an index scan). The previous
-- `NOT EXISTS (...)` let the planner pick a sequential scan, expecting an early match, which read the whole
-- entries table on every check until statistics caught up (seen on fresh databases: ~0.7 ms per check).
CREATE OR REPLACE FUNCTION ledger_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  txn_id bigint;
  currencies integer;
  unbalanced char(3);
BEGIN
  IF TG_TABLE_NAME = 'ledger_transactions' THEN
    txn_id := NEW.id;
  ELSE
    txn_id := NEW.transaction_id;
  END IF;
  SELECT count(*), min(currency) FILTER (WHERE total <> 0) INTO currencies, unbalanced
    FROM (SELECT currency, sum(amount_minor) AS total FROM ledger_entries
          WHERE transaction_id = txn_id GROUP BY currency) AS per_currency;
  IF currencies = 0 THEN
    RAISE EXCEPTION 'ledger transaction % has no entries', txn_id USING ERRCODE = 'check_violation';
  END IF;
  IF unbalanced IS NOT NULL THEN
    RAISE EXCEPTION 'ledger transaction % does not balance in %', txn_id, unbalanced
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;
