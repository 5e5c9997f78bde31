/** issue_refund: give back part or all of a payment. */
import { defineTool, type ToolContext } from '@bulkhead/core';
import { z } from 'zod';
import type { BillingDeps } from '../use-cases/billing-deps.js';
import { issueRefund, REFUND_REASONS } from '../use-cases/issue-refund.js';
import { operationIdentity, runMoneyOperation } from '../use-cases/money-operation.js';
import { RefundBudget } from '../use-cases/refund-budget.js';
import {
  amountField,
  currencyField,
  idField,
  lean,
  moneySchema,
  optional,
  paymentOutput,
  requireCurrency,
} from './fields.js';

/** The issue_refund tool. */
export const issueRefundTool = defineTool({
  name: 'issue_refund',
  title: 'Issue refund',
  description: 'Refund a payment, fully or partly. Returns the refund and what stays refundable.',
  kind: 'mutating',
  input: z.object({
    payment_id: idField('Payment', 'pay'),
    currency: currencyField,
    amount_minor: optional(amountField('Default: all refundable')),
    reason: z.enum(REFUND_REASONS).describe('Why.'),
  }),
  output: z.object({
    refund: lean(z.object({ id: z.string(), payment_id: z.string(), amount: moneySchema, reason: z.string() })),
    payment: paymentOutput,
  }),
  hints: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx: ToolContext<BillingDeps>) => {
    const currency = requireCurrency(args.currency);
    const identity = operationIdentity('issue_refund', args, ctx);
    const at = ctx.deps.now();
    const amountMinor = args.amount_minor === undefined ? undefined : BigInt(args.amount_minor);
    const budget = new RefundBudget(ctx);
    return runMoneyOperation(
      ctx.deps.db,
      identity,
      at,
      (tx) =>
        issueRefund(
          tx,
          ctx.deps.processor,
          { paymentId: args.payment_id, currency, amountMinor, reason: args.reason },
          identity,
          at,
          ctx.signal,
          budget,
        ),
      { afterRollback: (error) => budget.afterRollback(error) },
    );
  },
});
