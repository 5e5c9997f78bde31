/** change_plan: move a subscription to another plan with proration; preview by default. */
import { defineTool, type ToolContext } from '@bulkhead/core';
import { z } from 'zod';
import type { BillingDeps } from '../use-cases/billing-deps.js';
import { changePlan } from '../use-cases/change-plan.js';
import { operationIdentity, previewOperation, runMoneyOperation } from '../use-cases/money-operation.js';
import { dryRunField, idField, invoiceOutput, lean, moneyOutput, moneySchema, planField } from './fields.js';

/** The change_plan tool. */
export const changePlanTool = defineTool({
  name: 'change_plan',
  title: 'Change plan',
  description:
    'Switch plans now, prorated; previews unless dry_run is false. Returns proration lines and the invoice or credit.',
  kind: 'mutating',
  input: z.object({
    subscription_id: idField('Subscription', 'sub'),
    new_plan_id: planField,
    dry_run: dryRunField,
  }),
  output: z.object({
    applied: z.boolean(),
    change: lean(
      z.object({
        subscription_id: z.string(),
        from_plan: z.string(),
        to_plan: z.string(),
        lines: z.array(z.object({ description: z.string(), amount: moneySchema })),
      }),
    ),
    net: moneyOutput,
    invoice: z.union([invoiceOutput, z.null()]),
    credit_granted: moneyOutput,
  }),
  hints: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async (args, ctx: ToolContext<BillingDeps>) => {
    const at = ctx.deps.now();
    const change = { subscriptionId: args.subscription_id, newPlanId: args.new_plan_id };
    if (args.dry_run)
      return previewOperation(ctx.deps.db, (tx) => changePlan(tx, { ...change, apply: false }, undefined, at));
    const identity = operationIdentity('change_plan', args, ctx);
    return runMoneyOperation(ctx.deps.db, identity, at, (tx) =>
      changePlan(tx, { ...change, apply: true }, identity, at),
    );
  },
});
