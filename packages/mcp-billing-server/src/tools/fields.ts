/** Input fields and output shapes the billing tools share. */
import { ToolError } from '@bulkhead/core';
import { z } from 'zod';
import { BILLING_ERROR_CODES } from '../domain/billing-errors.js';
import { type CurrencyCode, isCurrencyCode } from '../domain/currency.js';
import { MAX_AMOUNT_MINOR } from '../domain/money.js';

/** An id of a billing record (`cus_…`, `inv_…`, `pay_…`, `sub_…`). */
export function idField(what: string, _prefix: string) {
  return z.string().max(64).describe(`${what} id.`);
}

/** A plan of the catalog (listed in the server instructions). */
export const planField = z.string().max(64).describe('Plan id, e.g. pro_usd.');

/** A currency code; checked against the ISO 4217 table in the handler (an enum of every code costs tokens). */
export const currencyField = z.string().max(3).describe('ISO 4217 code, e.g. USD');

/** A positive amount in integer minor units (cents for USD, yen for JPY, fils for KWD). */
export function amountField(what: string) {
  return z.number().int().min(1).max(MAX_AMOUNT_MINOR).describe(`${what}; in minor units.`);
}

/** The preview switch of tools that change plans or cancel. */
export const dryRunField = z.boolean().default(true).describe('false applies; true previews.');

/** Refuses a code outside the exponent table. */
export function requireCurrency(code: string): CurrencyCode {
  if (isCurrencyCode(code)) return code;
  throw new ToolError(
    BILLING_ERROR_CODES.UNSUPPORTED_CURRENCY,
    `Currency "${code}" is not supported; use an ISO 4217 code such as USD, EUR, GBP, JPY or KWD.`,
    { retryable: false, details: { field: 'currency' } },
  );
}

/**
 * An output field validated in full on the server but listed as `{}`: nested output schemas would cost
 * ~3,000 tokens of tools/list, and every result also carries markdown saying the same.
 */
export function lean<S extends z.ZodType>(schema: S) {
  return z.custom<z.output<S>>((value) => schema.safeParse(value).success);
}

/** Money as results show it. */
export const moneySchema = z.object({
  amount_minor: z.number().int(),
  currency: z.string(),
  display: z.string(),
});

/** Money as output schemas list it. */
export const moneyOutput = lean(moneySchema);

/** An invoice as results show it. */
export const invoiceOutput = lean(
  z.object({
    id: z.string(),
    customer_id: z.string(),
    subscription_id: z.string().nullable(),
    status: z.enum(['open', 'paid', 'void']),
    total: moneySchema,
    amount_due: moneySchema,
    created_at: z.string(),
  }),
);

/** A payment as results show it. */
export const paymentOutput = lean(
  z.object({
    id: z.string(),
    invoice_id: z.string(),
    customer_id: z.string(),
    status: z.enum(['succeeded', 'failed']),
    amount: moneySchema,
    refunded: moneySchema,
    refundable: moneySchema,
    failure_code: z.string().nullable(),
    created_at: z.string(),
  }),
);

/** Makes a described field optional, keeping its description (zod puts it on the inner schema). */
export function optional<S extends z.ZodType>(schema: S) {
  return schema.optional().describe(schema.description ?? '');
}
