/** Reading and locking billing rows, and the shapes results show them in. */
import { randomBytes } from 'node:crypto';
import { notFound } from '../domain/billing-errors.js';
import { type CurrencyCode, isCurrencyCode } from '../domain/currency.js';
import { type MoneyView, money, toBigInt } from '../domain/money.js';
import type { SqlExecutor } from '../ports/sql-client.js';
import { ACCOUNTS } from './ledger.js';

/** A fresh id with a readable prefix (`cus_…`, `inv_…`). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}

/** A currency read back from the database. */
export function currencyOf(value: unknown): CurrencyCode {
  const code = String(value).trim();
  if (!isCurrencyCode(code)) throw new Error(`unsupported currency in database: ${code}`);
  return code;
}

/** ISO 8601 text for a timestamp read back from either driver. */
export function iso(value: unknown): string {
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}

export interface CustomerRow {
  id: string;
  name: string;
  email: string;
  currency: CurrencyCode;
  created_at: string;
}

export interface PlanRow {
  id: string;
  name: string;
  currency: CurrencyCode;
  amount_minor: bigint;
  billing_interval: 'month' | 'year';
}

export interface SubscriptionRow {
  id: string;
  customer_id: string;
  plan_id: string;
  status: 'active' | 'canceled';
  current_period_start: Date;
  current_period_end: Date;
  cancel_at: Date | null;
}

export interface InvoiceRow {
  id: string;
  seq: bigint;
  customer_id: string;
  subscription_id: string | null;
  currency: CurrencyCode;
  status: 'open' | 'paid' | 'void';
  total_minor: bigint;
  credit_applied_minor: bigint;
  paid_minor: bigint;
  created_at: string;
}

export interface PaymentRow {
  id: string;
  seq: bigint;
  customer_id: string;
  invoice_id: string;
  currency: CurrencyCode;
  amount_minor: bigint;
  refunded_minor: bigint;
  status: 'succeeded' | 'failed';
  failure_code: string | null;
  processor_ref: string;
  created_at: string;
}

const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));

/** Row mappers: every driver's bigint/number/string comes back as bigint, every timestamp as ISO text. */
export const map = {
  customer: (r: Record<string, unknown>): CustomerRow => ({
    id: String(r.id),
    name: String(r.name),
    email: String(r.email),
    currency: currencyOf(r.currency),
    created_at: iso(r.created_at),
  }),
  plan: (r: Record<string, unknown>): PlanRow => ({
    id: String(r.id),
    name: String(r.name),
    currency: currencyOf(r.currency),
    amount_minor: toBigInt(r.amount_minor),
    billing_interval: r.billing_interval === 'year' ? 'year' : 'month',
  }),
  subscription: (r: Record<string, unknown>): SubscriptionRow => ({
    id: String(r.id),
    customer_id: String(r.customer_id),
    plan_id: String(r.plan_id),
    status: r.status === 'canceled' ? 'canceled' : 'active',
    current_period_start: date(r.current_period_start),
    current_period_end: date(r.current_period_end),
    cancel_at: r.cancel_at === null || r.cancel_at === undefined ? null : date(r.cancel_at),
  }),
  invoice: (r: Record<string, unknown>): InvoiceRow => ({
    id: String(r.id),
    seq: toBigInt(r.seq),
    customer_id: String(r.customer_id),
    subscription_id: r.subscription_id === null ? null : String(r.subscription_id),
    currency: currencyOf(r.currency),
    status: r.status as InvoiceRow['status'],
    total_minor: toBigInt(r.total_minor),
    credit_applied_minor: toBigInt(r.credit_applied_minor),
    paid_minor: toBigInt(r.paid_minor),
    created_at: iso(r.created_at),
  }),
  payment: (r: Record<string, unknown>): PaymentRow => ({
    id: String(r.id),
    seq: toBigInt(r.seq),
    customer_id: String(r.customer_id),
    invoice_id: String(r.invoice_id),
    currency: currencyOf(r.currency),
    amount_minor: toBigInt(r.amount_minor),
    refunded_minor: toBigInt(r.refunded_minor),
    status: r.status === 'succeeded' ? 'succeeded' : 'failed',
    failure_code: r.failure_code === null ? null : String(r.failure_code),
    processor_ref: String(r.processor_ref),
    created_at: iso(r.created_at),
  }),
} as const;

async function one<T>(
  tx: SqlExecutor,
  sql: string,
  id: string,
  mapper: (r: Record<string, unknown>) => T,
  missing: () => Error,
): Promise<T> {
  const [row] = await tx.query(sql, [id]);
  if (!row) throw missing();
  return mapper(row);
}

/** Loads (and with `lock`, row-locks) one record or throws NOT_FOUND with a hint. */
export const load = {
  customer: (tx: SqlExecutor, id: string, lock = false) =>
    one(tx, `SELECT * FROM customers WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, id, map.customer, () =>
      notFound('customer', id, 'check the id, or onboard the customer with onboard_customer.'),
    ),
  plan: (tx: SqlExecutor, id: string) =>
    one(tx, 'SELECT * FROM plans WHERE id = $1', id, map.plan, () =>
      notFound('plan', id, 'use a plan id from the server instructions (e.g. "pro_usd").'),
    ),
  subscription: (tx: SqlExecutor, id: string, lock = false) =>
    one(tx, `SELECT * FROM subscriptions WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, id, map.subscription, () =>
      notFound('subscription', id, 'look it up with get_billing_summary.'),
    ),
  invoice: (tx: SqlExecutor, id: string, lock = false) =>
    one(tx, `SELECT * FROM invoices WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, id, map.invoice, () =>
      notFound('invoice', id, 'look it up with list_invoices.'),
    ),
  payment: (tx: SqlExecutor, id: string, lock = false) =>
    one(tx, `SELECT * FROM payments WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, id, map.payment, () =>
      notFound('payment', id, 'look it up with find_payments.'),
    ),
};

/** The customer's spendable credit (the credit account holds it as a negative balance). */
export async function creditBalance(tx: SqlExecutor, customerId: string): Promise<bigint> {
  const [row] = await tx.query<{ balance_minor: unknown }>('SELECT balance_minor FROM ledger_accounts WHERE id = $1', [
    ACCOUNTS.customerCredit(customerId),
  ]);
  return row ? -toBigInt(row.balance_minor) : 0n;
}

/** How an invoice is shown. */
export interface InvoiceView {
  id: string;
  customer_id: string;
  subscription_id: string | null;
  status: 'open' | 'paid' | 'void';
  total: MoneyView;
  amount_due: MoneyView;
  created_at: string;
}

export function invoiceView(i: InvoiceRow): InvoiceView {
  return {
    id: i.id,
    customer_id: i.customer_id,
    subscription_id: i.subscription_id,
    status: i.status,
    total: money(i.total_minor, i.currency),
    amount_due: money(amountDue(i), i.currency),
    created_at: i.created_at,
  };
}

/** What is still owed on an invoice. */
export function amountDue(i: InvoiceRow): bigint {
  return i.status === 'open' ? i.total_minor - i.credit_applied_minor - i.paid_minor : 0n;
}

/** How a payment is shown. */
export interface PaymentView {
  id: string;
  invoice_id: string;
  customer_id: string;
  status: 'succeeded' | 'failed';
  amount: MoneyView;
  refunded: MoneyView;
  refundable: MoneyView;
  failure_code: string | null;
  created_at: string;
}

export function paymentView(p: PaymentRow): PaymentView {
  return {
    id: p.id,
    invoice_id: p.invoice_id,
    customer_id: p.customer_id,
    status: p.status,
    amount: money(p.amount_minor, p.currency),
    refunded: money(p.refunded_minor, p.currency),
    refundable: money(refundable(p), p.currency),
    failure_code: p.failure_code,
    created_at: p.created_at,
  };
}

/** Captured minus already refunded. */
export function refundable(p: PaymentRow): bigint {
  return p.status === 'succeeded' ? p.amount_minor - p.refunded_minor : 0n;
}
