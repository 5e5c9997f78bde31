-- Billing schema: catalog, customers, subscriptions, invoices, payments, refunds and an append-only
-- double-entry ledger. Runs unchanged on PostgreSQL and PGlite.

CREATE TABLE plans (
  id text PRIMARY KEY,
  name text NOT NULL,
  currency char(3) NOT NULL,
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  billing_interval text NOT NULL CHECK (billing_interval IN ('month', 'year'))
);

CREATE TABLE customers (
  id text PRIMARY KEY,
  seq bigserial UNIQUE,
  name text NOT NULL,
  email text NOT NULL,
  currency char(3) NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX customers_email_unique ON customers (lower(email));

CREATE TABLE subscriptions (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  plan_id text NOT NULL REFERENCES plans (id),
  status text NOT NULL CHECK (status IN ('active', 'canceled')),
  current_period_start timestamptz NOT NULL,
  current_period_end timestamptz NOT NULL,
  cancel_at timestamptz,
  canceled_at timestamptz,
  created_at timestamptz NOT NULL,
  CHECK (current_period_end > current_period_start)
);

CREATE TABLE invoices (
  id text PRIMARY KEY,
  seq bigserial UNIQUE,
  customer_id text NOT NULL REFERENCES customers (id),
  subscription_id text REFERENCES subscriptions (id),
  currency char(3) NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'paid', 'void')),
  total_minor bigint NOT NULL CHECK (total_minor > 0),
  credit_applied_minor bigint NOT NULL DEFAULT 0 CHECK (credit_applied_minor >= 0),
  paid_minor bigint NOT NULL DEFAULT 0 CHECK (paid_minor >= 0),
  created_at timestamptz NOT NULL,
  CHECK (credit_applied_minor + paid_minor <= total_minor),
  CHECK ((status = 'paid') = (credit_applied_minor + paid_minor = total_minor) OR status = 'void')
);
CREATE INDEX invoices_customer ON invoices (customer_id, seq);

CREATE TABLE invoice_lines (
  invoice_id text NOT NULL REFERENCES invoices (id),
  position integer NOT NULL,
  description text NOT NULL,
  amount_minor bigint NOT NULL,
  PRIMARY KEY (invoice_id, position)
);

CREATE TABLE payments (
  id text PRIMARY KEY,
  seq bigserial UNIQUE,
  customer_id text NOT NULL REFERENCES customers (id),
  invoice_id text NOT NULL REFERENCES invoices (id),
  currency char(3) NOT NULL,
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  status text NOT NULL CHECK (status IN ('succeeded', 'failed')),
  refunded_minor bigint NOT NULL DEFAULT 0,
  failure_code text,
  processor_ref text NOT NULL,
  created_at timestamptz NOT NULL,
  -- Refunds never exceed what was captured; a failed payment captured nothing.
  CONSTRAINT payments_refund_bound CHECK (
    refunded_minor >= 0 AND refunded_minor <= CASE WHEN status = 'succeeded' THEN amount_minor ELSE 0 END
  )
);
CREATE INDEX payments_customer ON payments (customer_id, seq);

CREATE TABLE refunds (
  id text PRIMARY KEY,
  payment_id text NOT NULL REFERENCES payments (id),
  currency char(3) NOT NULL,
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  reason text NOT NULL,
  processor_ref text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX refunds_payment ON refunds (payment_id);

-- Ledger accounts. balance_minor is a cache of the sum of the account's entries (debits positive),
-- maintained by a trigger; invariants tests compare the two.
CREATE TABLE ledger_accounts (
  id text PRIMARY KEY,
  currency char(3) NOT NULL,
  balance_minor bigint NOT NULL DEFAULT 0
);

CREATE TABLE ledger_transactions (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  scope text NOT NULL,
  request_id text NOT NULL,
  description text NOT NULL,
  reverses_id bigint REFERENCES ledger_transactions (id),
  created_at timestamptz NOT NULL,
  UNIQUE (scope, request_id)
);

CREATE TABLE ledger_entries (
  id bigserial PRIMARY KEY,
  transaction_id bigint NOT NULL REFERENCES ledger_transactions (id),
  account_id text NOT NULL REFERENCES ledger_accounts (id),
  currency char(3) NOT NULL,
  amount_minor bigint NOT NULL CHECK (amount_minor <> 0)
);
CREATE INDEX ledger_entries_transaction ON ledger_entries (transaction_id);
CREATE INDEX ledger_entries_account ON ledger_entries (account_id);

-- The money idempotency record: written in the same transaction as the effect.
CREATE TABLE idempotency_records (
  scope text NOT NULL,
  request_id text NOT NULL,
  fingerprint text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('pending', 'succeeded', 'failed')),
  result text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (scope, request_id)
);

-- Append-only: the database itself refuses to change or remove ledger rows.
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger table % is append-only: % refused; post a reversal instead', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_transactions_no_truncate BEFORE TRUNCATE ON ledger_transactions
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER refunds_append_only BEFORE UPDATE OR DELETE ON refunds
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER refunds_no_truncate BEFORE TRUNCATE ON refunds
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- Every entry's currency is its account's currency; the cached balance follows every entry.
CREATE FUNCTION ledger_apply_entry() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  account_currency char(3);
BEGIN
  UPDATE ledger_accounts SET balance_minor = balance_minor + NEW.amount_minor
    WHERE id = NEW.account_id RETURNING currency INTO account_currency;
  IF account_currency IS DISTINCT FROM NEW.currency THEN
    RAISE EXCEPTION 'entry currency % does not match account %', NEW.currency, NEW.account_id
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER ledger_entries_apply AFTER INSERT ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_apply_entry();

-- At commit, every ledger transaction balances to zero in each currency and has entries.
CREATE FUNCTION ledger_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  txn_id bigint;
  unbalanced record;
BEGIN
  IF TG_TABLE_NAME = 'ledger_transactions' THEN
    txn_id := NEW.id;
  ELSE
    txn_id := NEW.transaction_id;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM ledger_entries WHERE transaction_id = txn_id) THEN
    RAISE EXCEPTION 'ledger transaction % has no entries', txn_id USING ERRCODE = 'check_violation';
  END IF;
  SELECT currency, sum(amount_minor) AS total INTO unbalanced
    FROM ledger_entries WHERE transaction_id = txn_id
    GROUP BY currency HAVING sum(amount_minor) <> 0 LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger transaction % does not balance in %', txn_id, unbalanced.currency
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();
CREATE CONSTRAINT TRIGGER ledger_transactions_balanced AFTER INSERT ON ledger_transactions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();
