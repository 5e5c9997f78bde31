/** Money in integer minor units: the wire view, half-up rounding once per line, proration and exact splits. */
import { type CurrencyCode, formatMoney } from './currency.js';

/** The largest amount one call may move, in minor units (10^10: 100,000,000.00 USD, 10,000,000.000 KWD). */
export const MAX_AMOUNT_MINOR = 10_000_000_000;

/** Money as every result shows it. */
export interface MoneyView {
  readonly amount_minor: number;
  readonly currency: CurrencyCode;
  readonly display: string;
}

/** Converts a database or arithmetic value to bigint without going through floating point. */
export function toBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  throw new TypeError(`not an integer amount: ${String(value)}`);
}

/** The wire view of an amount; refuses amounts beyond JSON's exact integer range instead of rounding them. */
export function money(amountMinor: bigint | number | string, currency: CurrencyCode): MoneyView {
  const amount = toBigInt(amountMinor);
  if (amount > BigInt(Number.MAX_SAFE_INTEGER) || amount < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError('amount beyond the exact JSON integer range');
  }
  return { amount_minor: Number(amount), currency, display: formatMoney(amount, currency) };
}

/** numerator / denominator rounded half-up (half away from zero), in exact integer arithmetic. */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  const quotient = (n * 2n + denominator) / (denominator * 2n);
  return negative ? -quotient : quotient;
}

/** The share of `amountMinor` for `part` of `whole` (e.g. seconds left of a period), rounded half-up once. */
export function prorate(amountMinor: bigint, part: bigint, whole: bigint): bigint {
  if (part < 0n || part > whole) throw new RangeError('part must lie within 0..whole');
  return divideHalfUp(amountMinor * part, whole);
}

/**
 * Splits `total` by integer weights so the parts add up to `total` exactly (largest remainder; ties go to
 * the earlier part). Used wherever one amount is spread over several lines or payments.
 */
export function allocate(total: bigint, weights: readonly bigint[]): bigint[] {
  if (weights.length === 0) throw new RangeError('at least one weight');
  if (weights.some((w) => w < 0n)) throw new RangeError('weights must not be negative');
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) throw new RangeError('weights must not all be zero');
  const negative = total < 0n;
  const abs = negative ? -total : total;
  const parts = weights.map((w) => (abs * w) / sum);
  const remainders = weights.map((w, i) => ({ i, r: (abs * w) % sum }));
  let left = abs - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i] = (parts[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return negative ? parts.map((p) => -p) : parts;
}

/** The smaller of two bigints. */
export function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
