/** find_payments: payments newest first, filtered, keyset-paginated with signed cursors. */
import {
  cursorField,
  defineTool,
  pageSizeField,
  type ToolContext,
  truncateRows,
  truncationNotice,
} from '@bulkhead/core';
import { z } from 'zod';
import type { BillingDeps } from '../use-cases/billing-deps.js';
import { guardDatabase } from '../use-cases/money-operation.js';
import { findPayments, seqFrom } from '../use-cases/queries.js';
import { paymentView } from '../use-cases/records.js';
import { idField, lean, optional, paymentOutput } from './fields.js';

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
    const before = cursor === undefined ? null : seqFrom(ctx.cursors.decode(TOOL, filter, cursor));
    const rows = await guardDatabase(() => findPayments(ctx.deps.db, filter, before, limit));
    const page = rows.slice(0, limit).map((row) => ({ row, view: paymentView(row) }));
    const shown = truncateRows(
      page,
      ({ view: p }) =>
        `${p.id} ${p.invoice_id} ${p.status} ${p.amount.display} refundable ${p.refundable.display} ${p.created_at.slice(0, 10)}`,
      {
        header: page.length === 0 ? 'No payments match.' : 'id invoice status amount refundable created',
      },
    );
    const kept = page.slice(0, shown.shown);
    const last = kept.at(-1);
    const more = rows.length > limit || shown.truncated;
    const next_cursor = more && last ? ctx.cursors.encode(TOOL, filter, { s: last.row.seq.toString() }) : undefined;
    const notice = next_cursor
      ? `\n… more payments; call again with cursor "${next_cursor}", or narrow the filter (customer_id, invoice_id, refundable_only).`
      : '';
    return {
      // Rows cut to fit the text budget (not an ordinary next page) count as a truncation in /metrics.
      truncated: shown.truncated,
      structured: { payments: kept.map((k) => k.view), ...(next_cursor ? { next_cursor } : {}) },
      text: `${shown.text}${shown.truncated ? `\n${truncationNotice({ omitted: shown.omitted, unit: 'rows', nextCursor: next_cursor, narrowHint: 'customer_id, invoice_id, refundable_only' })}` : notice}`,
    };
  },
});
