/** apply_credit: grant customer credit that the next invoices consume first. */
import { defineTool, type ToolContext } from '@bulkhead/core';
import { z } from 'zod';
import { applyCredit } from '../use-cases/apply-credit.js';
import type { BillingDeps } from '../use-cases/billing-deps.js';
import { operationIdentity, runMoneyOperation } from '../use-cases/money-operation.js';
import { amountField, currencyField, idField, moneyOutput, requireCurrency } from './fields.js';

/** The apply_credit tool. */
export const applyCreditTool = defineTool({
  name: 'apply_credit',
  title: 'Apply credit',
  description: "Add goodwill credit to a customer's balance; future invoices use it first. Returns the new balance.",
  kind: 'mutating',
  input: z.object({
    customer_id: idField('Customer', 'cus'),
    currency: currencyField,
    amount_minor: amountField('Credit'),
    note: z.string().trim().min(1).max(200).describe('Why; kept in the ledger.'),
  }),
  output: z.object({ customer_id: z.string(), granted: moneyOutput, credit_balance: moneyOutput }),
  hints: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async (args, ctx: ToolContext<BillingDeps>) => {
    const currency = requireCurrency(args.currency);
    const identity = operationIdentity('apply_credit', args, ctx);
    const at = ctx.deps.now();
    return runMoneyOperation(ctx.deps.db, identity, at, (tx) =>
      applyCredit(
        tx,
        { customerId: args.customer_id, currency, amountMinor: BigInt(args.amount_minor), note: args.note },
        identity,
        at,
      ),
    );
  },
});
