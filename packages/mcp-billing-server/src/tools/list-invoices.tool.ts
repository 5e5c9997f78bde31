/** list_invoices: invoices newest first, filtered, keyset-paginated with signed cursors. */
import { cursorField, defineTool, pageSizeField, type ToolContext } from '@bulkhead/core';
import { z } from 'zod';
import type { BillingDeps } from '../use-cases/billing-deps.js';
import { guardDatabase } from '../use-cases/money-operation.js';
import { listInvoices } from '../use-cases/queries.js';
import { invoiceView } from '../use-cases/records.js';
import { idField, invoiceOutput, lean, optional } from './fields.js';
import { keysetPage, pageStart } from './keyset-page.js';

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
    const before = pageStart(ctx.cursors, TOOL, filter, cursor);
    const rows = await guardDatabase(() => listInvoices(ctx.deps.db, filter, before, limit));
    const page = keysetPage(
      { cursors: ctx.cursors, tool: TOOL, filter, rows, limit },
      {
        view: invoiceView,
        line: (i) =>
          `${i.id} ${i.customer_id} ${i.status} total ${i.total.display} due ${i.amount_due.display} ${i.created_at.slice(0, 10)}`,
        header: 'id customer status total due created',
        empty: 'No invoices match.',
        noun: 'invoices',
        narrowHint: 'customer_id, status',
      },
    );
    return {
      // Rows cut to fit the text budget (not an ordinary next page) count as a truncation in /metrics.
      truncated: page.truncated,
      structured: { invoices: page.views, ...(page.nextCursor ? { next_cursor: page.nextCursor } : {}) },
      text: page.text,
    };
  },
});
