/** collect_payment: charge an open invoice through the payment processor. */
import { defineTool, type ToolContext } from '@bulkhead/core';
import { z } from 'zod';
import type { BillingDeps } from '../use-cases/billing-deps.js';
import { collectPayment } from '../use-cases/collect-payment.js';
import { operationIdentity, runMoneyOperation } from '../use-cases/money-operation.js';
import {
  amountField,
  currencyField,
  idField,
  invoiceOutput,
  optional,
  paymentOutput,
  requireCurrency,
} from './fields.js';

/** The collect_payment tool. */
export const collectPaymentTool = defineTool({
  name: 'collect_payment',
  title: 'Collect payment',
  description: 'Charge an open invoice. Returns the payment and the invoice; a decline is CARD_DECLINED.',
  kind: 'mutating',
  input: z.object({
    invoice_id: idField('Invoice', 'inv'),
    currency: currencyField,
    amount_minor: optional(amountField('Default: all due')),
  }),
  output: z.object({ payment: paymentOutput, invoice: invoiceOutput }),
  hints: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx: ToolContext<BillingDeps>) => {
    const currency = requireCurrency(args.currency);
    const identity = operationIdentity('collect_payment', args, ctx);
    const at = ctx.deps.now();
    const amountMinor = args.amount_minor === undefined ? undefined : BigInt(args.amount_minor);
    return runMoneyOperation(ctx.deps.db, identity, at, (tx) =>
      collectPayment(
        tx,
        ctx.deps.processor,
        { invoiceId: args.invoice_id, currency, amountMinor },
        identity,
        at,
        ctx.signal,
      ),
    );
  },
});
