/** get_billing_summary: one customer's billing at a glance. */
import { defineTool, type ToolContext } from '@bulkhead/core';
import { z } from 'zod';
import type { BillingDeps } from '../use-cases/billing-deps.js';
import { guardDatabase } from '../use-cases/money-operation.js';
import { billingSummary } from '../use-cases/queries.js';
import { idField, invoiceOutput, lean, moneySchema, paymentOutput } from './fields.js';

/** The get_billing_summary tool. */
export const getBillingSummaryTool = defineTool({
  name: 'get_billing_summary',
  title: 'Get billing summary',
  description:
    'Start here for a customer. Returns profile, subscriptions, open invoices, amount due, credit and recent payments.',
  kind: 'read',
  input: z.object({ customer_id: idField('Customer', 'cus') }),
  output: z.object({
    customer: lean(
      z.object({ id: z.string(), name: z.string(), email: z.string(), currency: z.string(), created_at: z.string() }),
    ),
    totals: lean(
      z.object({
        total_due: moneySchema,
        credit_balance: moneySchema,
        open_invoice_count: z.number().int(),
        payment_count: z.number().int(),
      }),
    ),
    subscriptions: lean(
      z.array(
        z.object({
          id: z.string(),
          plan_id: z.string(),
          status: z.string(),
          current_period_end: z.string(),
          cancel_at: z.string().nullable(),
        }),
      ),
    ),
    open_invoices: lean(z.array(invoiceOutput)),
    recent_payments: lean(z.array(paymentOutput)),
    more: lean(z.array(z.string())),
  }),
  hints: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async ({ customer_id }, ctx: ToolContext<BillingDeps>) => {
    const { truncated, ...s } = await guardDatabase(() => billingSummary(ctx.deps.db, customer_id));
    const text = [
      `**${s.customer.name}** (${s.customer.id}, ${s.customer.email}) — due ${s.totals.total_due.display}, credit ${s.totals.credit_balance.display}`,
      `Subscriptions: ${s.subscriptions.map((x) => `${x.id} ${x.plan_id} ${x.status}`).join('; ') || 'none'}`,
      `Open invoices (${s.totals.open_invoice_count}): ${s.open_invoices.map((i) => `${i.id} ${i.amount_due.display} due`).join('; ') || 'none'}`,
      `Recent payments (${s.totals.payment_count}): ${s.recent_payments.map((p) => `${p.id} ${p.amount.display} ${p.status}, refundable ${p.refundable.display}`).join('; ') || 'none'}`,
      ...s.more,
    ].join('\n');
    // A capped list counts as a truncation in /metrics; `more` tells the model where the rest is.
    return { structured: s, text, truncated };
  },
});
