/** cancel_subscription: end a subscription now or at period end; preview by default. */
import { defineTool, type ToolContext } from '@bulkhead/core';
import { z } from 'zod';
import type { BillingDeps } from '../use-cases/billing-deps.js';
import { CANCEL_WHEN, cancelSubscription, UNUSED_TIME } from '../use-cases/cancel-subscription.js';
import { operationIdentity, previewOperation, runMoneyOperation } from '../use-cases/money-operation.js';
import { RefundBudget } from '../use-cases/refund-budget.js';
import { dryRunField, idField, lean, moneySchema } from './fields.js';

/** The cancel_subscription tool. */
export const cancelSubscriptionTool = defineTool({
  name: 'cancel_subscription',
  title: 'Cancel subscription',
  description:
    'Cancel a subscription now or at period end; previews unless dry_run is false. Returns the end date and any credit or refund.',
  kind: 'mutating',
  input: z.object({
    subscription_id: idField('Subscription', 'sub'),
    when: z.enum(CANCEL_WHEN).describe('When it ends.'),
    unused_time: z.enum(UNUSED_TIME).default('none').describe('Unused time, if now.'),
    dry_run: dryRunField,
  }),
  output: z.object({
    applied: z.boolean(),
    subscription: lean(z.object({ id: z.string(), status: z.enum(['active', 'canceled']), ends_at: z.string() })),
    amounts: lean(z.object({ unused: moneySchema, credited: moneySchema, refunded: moneySchema })),
    refunds: lean(z.array(z.object({ id: z.string(), payment_id: z.string(), amount: moneySchema }))),
  }),
  hints: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx: ToolContext<BillingDeps>) => {
    const at = ctx.deps.now();
    const base = { subscriptionId: args.subscription_id, when: args.when, unusedTime: args.unused_time };
    const { db, processor } = ctx.deps;
    const budget = new RefundBudget(ctx);
    if (args.dry_run) {
      return previewOperation(db, (tx) =>
        cancelSubscription(tx, processor, { ...base, apply: false }, undefined, at, ctx.signal, budget),
      );
    }
    const identity = operationIdentity('cancel_subscription', args, ctx);
    return runMoneyOperation(
      db,
      identity,
      at,
      (tx) => cancelSubscription(tx, processor, { ...base, apply: true }, identity, at, ctx.signal, budget),
      { afterRollback: (error) => budget.afterRollback(error) },
    );
  },
});
