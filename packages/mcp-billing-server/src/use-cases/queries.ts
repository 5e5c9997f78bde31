/** The read side: a customer's billing summary and keyset-paginated invoice and payment lists. */
import { ToolError } from '@bulkhead/core';
import { notFound } from '../domain/billing-errors.js';
import { type MoneyView, money, toBigInt } from '../domain/money.js';
import type { SqlExecutor } from '../ports/sql-client.js';
import { ACCOUNTS } from './ledger.js';
import { type InvoiceView, invoiceView, map, type PaymentView, paymentView } from './records.js';

/** How many rows each list of the summary shows. */
export const SUMMARY_LIST_CAP = 5;
/** How many subscriptions the summary shows (active and canceling ones first, then the newest). */
export const SUMMARY_SUBSCRIPTION_CAP = 10;

/** A customer's billing at a glance. */
export interface BillingSummary extends Record<string, unknown> {
  customer: { id: string; name: string; email: string; currency: string; created_at: string };
  totals: { total_due: MoneyView; credit_balance: MoneyView; open_invoice_count: number; payment_count: number };
  subscriptions: {
    id: string;
    plan_id: string;
    status: string;
    current_period_end: string;
    cancel_at: string | null;
  }[];
  open_invoices: InvoiceView[];
  recent_payments: PaymentView[];
  more: string[];
  /** Whether any list was capped (rows omitted); `more` then says how to see them. */
  truncated: boolean;
}

const INVOICE_JSON = `json_build_object('id', i.id, 'seq', i.seq::text, 'customer_id', i.customer_id,
  'subscription_id', i.subscription_id, 'currency', i.currency, 'status', i.status, 'total_minor', i.total_minor::text,
  'credit_applied_minor', i.credit_applied_minor::text, 'paid_minor', i.paid_minor::text, 'created_at', i.created_at)`;
const PAYMENT_JSON = `json_build_object('id', p.id, 'seq', p.seq::text, 'customer_id', p.customer_id,
  'invoice_id', p.invoice_id, 'currency', p.currency, 'amount_minor', p.amount_minor::text,
  'refunded_minor', p.refunded_minor::text, 'status', p.status, 'failure_code', p.failure_code,
  'processor_ref', p.processor_ref, 'created_at', p.created_at)`;
const SUBSCRIPTION_JSON = `json_build_object('id', s.id, 'customer_id', s.customer_id, 'plan_id', s.plan_id,
  'status', s.status, 'current_period_start', s.current_period_start, 'current_period_end', s.current_period_end,
  'cancel_at', s.cancel_at)`;

/** The summary in one statement; each list keeps the order (and cap) it had as a statement of its own. */
const SUMMARY_SQL = `SELECT c.*,
  (SELECT coalesce(json_agg(${SUBSCRIPTION_JSON} ORDER BY s.active DESC, s.created_at DESC, s.id), '[]')
     FROM (SELECT *, (status = 'active') AS active FROM subscriptions WHERE customer_id = $1
           ORDER BY (status = 'active') DESC, created_at DESC, id LIMIT $2) s) AS subs,
  (SELECT coalesce(json_agg(${INVOICE_JSON} ORDER BY i.seq), '[]')
     FROM (SELECT * FROM invoices WHERE customer_id = $1 AND status = 'open' ORDER BY seq LIMIT $3) i) AS open_invoices,
  (SELECT count(*) FROM invoices WHERE customer_id = $1 AND status = 'open') AS open_n,
  (SELECT coalesce(sum(total_minor - credit_applied_minor - paid_minor), 0)::text
     FROM invoices WHERE customer_id = $1 AND status = 'open') AS open_due,
  (SELECT coalesce(json_agg(${PAYMENT_JSON} ORDER BY p.seq DESC), '[]')
     FROM (SELECT * FROM payments WHERE customer_id = $1 ORDER BY seq DESC LIMIT $3) p) AS payments,
  (SELECT count(*) FROM payments WHERE customer_id = $1) AS payment_n,
  (SELECT balance_minor::text FROM ledger_accounts WHERE id = $4) AS credit_balance
FROM customers c WHERE c.id = $1`;

interface SummaryRow extends Record<string, unknown> {
  subs: unknown;
  open_invoices: unknown;
  open_n: unknown;
  open_due: unknown;
  payments: unknown;
  payment_n: unknown;
  credit_balance: string | null;
}

/** A JSON array column: `pg` parses json, PGlite too; text is parsed here in case a driver does not. */
function jsonRows(value: unknown): Record<string, unknown>[] {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(parsed) ? (parsed as Record<string, unknown>[]) : [];
}

/** Reads the customer's summary; each list is capped and says how to see the rest. */
export async function billingSummary(db: SqlExecutor, customerId: string): Promise<BillingSummary> {
  // One statement (one round trip, one snapshot): the customer row plus each list as JSON with its
  // bigints as text (exact) and timestamps in ISO form.
  const [row] = await db.query<SummaryRow>(SUMMARY_SQL, [
    customerId,
    SUMMARY_SUBSCRIPTION_CAP + 1,
    SUMMARY_LIST_CAP,
    ACCOUNTS.customerCredit(customerId),
  ]);
  if (!row) throw notFound('customer', customerId, 'check the id, or onboard the customer with onboard_customer.');
  const customer = map.customer(row);
  const subs = jsonRows(row.subs).map(map.subscription);
  const subsOmitted = subs.length > SUMMARY_SUBSCRIPTION_CAP;
  if (subsOmitted) subs.length = SUMMARY_SUBSCRIPTION_CAP;
  const open = jsonRows(row.open_invoices).map(map.invoice);
  const totals = { n: row.open_n, due: row.open_due };
  const payments = jsonRows(row.payments).map(map.payment);
  const paid = { n: row.payment_n };
  const openCount = Number(totals?.n ?? 0);
  const paymentCount = Number(paid?.n ?? 0);
  const more: string[] = [];
  if (openCount > open.length) {
    more.push(`${openCount - open.length} more open invoices: list_invoices with customer_id and status "open".`);
  }
  if (paymentCount > payments.length) {
    more.push(`${paymentCount - payments.length} older payments: find_payments with customer_id.`);
  }
  if (subsOmitted) {
    more.push(
      `Older canceled subscriptions are not listed (active ones come first); list_invoices with customer_id shows each invoice's subscription_id.`,
    );
  }
  return {
    customer,
    totals: {
      total_due: money(toBigInt(totals?.due ?? 0), customer.currency),
      credit_balance: money(row.credit_balance === null ? 0n : -toBigInt(row.credit_balance), customer.currency),
      open_invoice_count: openCount,
      payment_count: paymentCount,
    },
    subscriptions: subs.map((s) => ({
      id: s.id,
      plan_id: s.plan_id,
      status: s.status === 'active' && s.cancel_at ? 'canceling' : s.status,
      current_period_end: s.current_period_end.toISOString(),
      cancel_at: s.cancel_at ? s.cancel_at.toISOString() : null,
    })),
    open_invoices: open.map(invoiceView),
    recent_payments: payments.map(paymentView),
    more,
    truncated: more.length > 0,
  };
}

/** Reads the keyset position out of a decoded cursor. */
export function seqFrom(position: unknown): bigint {
  const s = position !== null && typeof position === 'object' ? (position as { s?: unknown }).s : undefined;
  if (typeof s !== 'string' || !/^\d{1,19}$/.test(s)) {
    throw new ToolError('INVALID_CURSOR', 'This cursor is not valid for this list; start again without cursor.', {
      retryable: false,
      details: { field: 'cursor' },
    });
  }
  return BigInt(s);
}

/** Filters of list_invoices. */
export interface InvoiceFilter {
  customer_id?: string | undefined;
  status?: 'open' | 'paid' | 'void' | undefined;
}

/** Newest first, after `before` (exclusive); one extra row tells whether another page exists. */
export async function listInvoices(db: SqlExecutor, filter: InvoiceFilter, before: bigint | null, limit: number) {
  const rows = await db.query(
    `SELECT * FROM invoices
     WHERE ($1::text IS NULL OR customer_id = $1) AND ($2::text IS NULL OR status = $2) AND ($3::bigint IS NULL OR seq < $3)
     ORDER BY seq DESC LIMIT $4`,
    [filter.customer_id ?? null, filter.status ?? null, before?.toString() ?? null, limit + 1],
  );
  return rows.map(map.invoice);
}

/** Filters of find_payments. */
export interface PaymentFilter {
  customer_id?: string | undefined;
  invoice_id?: string | undefined;
  status?: 'succeeded' | 'failed' | undefined;
  refundable_only?: boolean | undefined;
}

/** Newest first, after `before` (exclusive); one extra row tells whether another page exists. */
export async function findPayments(db: SqlExecutor, filter: PaymentFilter, before: bigint | null, limit: number) {
  const rows = await db.query(
    `SELECT * FROM payments
     WHERE ($1::text IS NULL OR customer_id = $1) AND ($2::text IS NULL OR invoice_id = $2)
       AND ($3::text IS NULL OR status = $3)
       AND (NOT $4::boolean OR (status = 'succeeded' AND refunded_minor < amount_minor))
       AND ($5::bigint IS NULL OR seq < $5)
     ORDER BY seq DESC LIMIT $6`,
    [
      filter.customer_id ?? null,
      filter.invoice_id ?? null,
      filter.status ?? null,
      filter.refundable_only === true,
      before?.toString() ?? null,
      limit + 1,
    ],
  );
  return rows.map(map.payment);
}
