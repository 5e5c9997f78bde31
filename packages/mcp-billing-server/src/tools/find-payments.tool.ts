/** find_payments: payments newest first, filtered, keyset-paginated with signed cursors. */
import { cursorField, defineTool, pageSizeField, type ToolContext } from '@bulkhead/core';
import { z } from 'zod';
import type { BillingDeps } from '../use-cases/billing-deps.js';
import { guardDatabase } from '../use-cases/money-operation.js';
import { findPayments } from '../use-cases/queries.js';
import { paymentView } from '../use-cases/records.js';
import { idField, lean, optional, paymentOutput } from './fields.js';
import { keysetPage, pageStart } from './keyset-page.js';

const TOOL = 'find_payments';

/** The find_payments tool. */
export const findPaymentsTool = defineTool({
  name: TOOL,
  title: 'Find payments',
  description:
    'Find payments newest first, e.g. before a refund. Returns payments with refundable amounts, and next_cursor.',
  kind: 'read',
  input: z.object({
    customer_id: optional(idField('Customer', 'cus')),
    invoice_id: optional(idField('Invoice', 'inv')),
    refundable_only: z.boolean().optional().describe('Only refundable ones.'),
    limit: pageSizeField(20, 100),
    cursor: cursorField(),
  }),
  output: z.object({ payments: lean(z.array(paymentOutput)), next_cursor: z.string().optional() }),
  hints: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async ({ limit, cursor, ...filter }, ctx: ToolContext<BillingDeps>) => {
    const before = pageStart(ctx.cursors, TOOL, filter, cursor);
    const rows = await guardDatabase(() => findPayments(ctx.deps.db, filter, before, limit));
    const page = keysetPage(
      { cursors: ctx.cursors, tool: TOOL, filter, rows, limit },
      {
        view: paymentView,
        line: (p) =>
          `${p.id} ${p.invoice_id} ${p.status} ${p.amount.display} refundable ${p.refundable.display} ${p.created_at.slice(0, 10)}`,
        header: 'id invoice status amount refundable created',
        empty: 'No payments match.',
        noun: 'payments',
        narrowHint: 'customer_id, invoice_id, refundable_only',
      },
    );
    return {
      // Rows cut to fit the text budget (not an ordinary next page) count as a truncation in /metrics.
      truncated: page.truncated,
      structured: { payments: page.views, ...(page.nextCursor ? { next_cursor: page.nextCursor } : {}) },
      text: page.text,
    };
  },
});
