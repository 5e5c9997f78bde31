/** The read side: a customer's billing summary and keyset-paginated invoice and payment lists. */
import { ToolError } from '@bulkhead/core';
import { type MoneyView, money, toBigInt } from '../domain/money.js';
import type { SqlExecutor } from '../ports/sql-client.js';
import { creditBalance, type InvoiceView, invoiceView, load, map, type PaymentView, paymentView } from './records.js';

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

/** Reads the customer's summary; each list is capped and says how to see the rest. */
export async function billingSummary(db: SqlExecutor, customerId: string): Promise<BillingSummary> {
  const customer = await load.customer(db, customerId);
  const subs = (
    await db.query(
      `SELECT * FROM subscriptions WHERE customer_id = $1
       ORDER BY (status = 'active') DESC, created_at DESC, id LIMIT $2`,
      [customerId, SUMMARY_SUBSCRIPTION_CAP + 1],
    )
  ).map(map.subscription);
  const subsOmitted = subs.length > SUMMARY_SUBSCRIPTION_CAP;
  if (subsOmitted) subs.length = SUMMARY_SUBSCRIPTION_CAP;
  const open = (
    await db.query(`SELECT * FROM invoices WHERE customer_id = $1 AND status = 'open' ORDER BY seq LIMIT $2`, [
      customerId,
      SUMMARY_LIST_CAP,
    ])
  ).map(map.invoice);
  const [totals] = await db.query<{ n: unknown; due: unknown }>(
    `SELECT count(*) AS n, coalesce(sum(total_minor - credit_applied_minor - paid_minor), 0)::text AS due
     FROM invoices WHERE customer_id = $1 AND status = 'open'`,
    [customerId],
  );
  const payments = (
    await db.query('SELECT * FROM payments WHERE customer_id = $1 ORDER BY seq DESC LIMIT $2', [
      customerId,
      SUMMARY_LIST_CAP,
    ])
  ).map(map.payment);
  const [paid] = await db.query<{ n: unknown }>('SELECT count(*) AS n FROM payments WHERE customer_id = $1', [
    customerId,
  ]);
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
      credit_balance: money(await creditBalance(db, customerId), customer.currency),
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
