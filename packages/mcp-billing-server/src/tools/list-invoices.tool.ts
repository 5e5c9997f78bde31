/** list_invoices: invoices newest first, filtered, keyset-paginated with signed cursors. */
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
import { listInvoices, seqFrom } from '../use-cases/queries.js';
import { invoiceView } from '../use-cases/records.js';
import { idField, invoiceOutput, lean, optional } from './fields.js';

const TOOL = 'list_invoices';

/** The list_invoices tool. */
export const listInvoicesTool = defineTool({
  name: TOOL,
  title: 'List invoices',
  description: 'List invoices newest first. Returns invoices with amount due, and next_cursor.',
  kind: 'read',
  input: z.object({
    customer_id: optional(idField('Customer', 'cus')),
    status: z.enum(['open', 'paid', 'void']).optional().describe('Filter.'),
    limit: pageSizeField(20, 100),
    cursor: cursorField(),
  }),
  output: z.object({ invoices: lean(z.array(invoiceOutput)), next_cursor: z.string().optional() }),
  hints: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async ({ customer_id, status, limit, cursor }, ctx: ToolContext<BillingDeps>) => {
    const filter = { customer_id, status };
    const before = cursor === undefined ? null : seqFrom(ctx.cursors.decode(TOOL, filter, cursor));
    const rows = await guardDatabase(() => listInvoices(ctx.deps.db, filter, before, limit));
    const page = rows.slice(0, limit).map((row) => ({ row, view: invoiceView(row) }));
    const shown = truncateRows(
      page,
      ({ view: i }) =>
        `${i.id} ${i.customer_id} ${i.status} total ${i.total.display} due ${i.amount_due.display} ${i.created_at.slice(0, 10)}`,
      {
        header: page.length === 0 ? 'No invoices match.' : 'id customer status total due created',
      },
    );
    const kept = page.slice(0, shown.shown);
    const last = kept.at(-1);
    const more = rows.length > limit || shown.truncated;
    const next_cursor = more && last ? ctx.cursors.encode(TOOL, filter, { s: last.row.seq.toString() }) : undefined;
    const notice = next_cursor
      ? `\n… more invoices; call again with cursor "${next_cursor}", or narrow the filter (customer_id, status).`
      : '';
    return {
      // Rows cut to fit the text budget (not an ordinary next page) count as a truncation in /metrics.
      truncated: shown.truncated,
      structured: { invoices: kept.map((k) => k.view), ...(next_cursor ? { next_cursor } : {}) },
      text: `${shown.text}${shown.truncated ? `\n${truncationNotice({ omitted: shown.omitted, unit: 'rows', nextCursor: next_cursor, narrowHint: 'customer_id, status' })}` : notice}`,
    };
  },
});
