/** onboard_customer: customer + subscription + first invoice in one transaction. */
import { defineTool, type ToolContext } from '@bulkhead/core';
import { z } from 'zod';
import type { BillingDeps } from '../use-cases/billing-deps.js';
import { operationIdentity, runMoneyOperation } from '../use-cases/money-operation.js';
import { onboardCustomer } from '../use-cases/onboard-customer.js';
import { currencyField, invoiceOutput, lean, planField, requireCurrency } from './fields.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The onboard_customer tool. */
export const onboardCustomerTool = defineTool({
  name: 'onboard_customer',
  title: 'Onboard customer',
  description: 'Create a customer on a plan with its first invoice. Returns customer, subscription and invoice.',
  kind: 'mutating',
  input: z.object({
    name: z.string().max(200).describe('Customer name.'),
    email: z
      .string()
      .max(254)
      .refine((v) => EMAIL.test(v), 'must be an email address like ap@example.com')
      .describe('Billing email, unique.'),
    currency: currencyField,
    plan_id: planField,
  }),
  output: z.object({
    customer: lean(z.object({ id: z.string(), name: z.string(), email: z.string(), currency: z.string() })),
    subscription: lean(
      z.object({ id: z.string(), plan_id: z.string(), status: z.literal('active'), current_period_end: z.string() }),
    ),
    invoice: invoiceOutput,
  }),
  hints: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async (args, ctx: ToolContext<BillingDeps>) => {
    const currency = requireCurrency(args.currency);
    const identity = operationIdentity('onboard_customer', args, ctx);
    const at = ctx.deps.now();
    return runMoneyOperation(ctx.deps.db, identity, at, (tx) =>
      onboardCustomer(tx, { name: args.name, email: args.email, currency, planId: args.plan_id }, identity, at),
    );
  },
});
