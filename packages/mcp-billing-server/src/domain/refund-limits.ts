/**
 * The daily refund limit per principal and currency (a guard rail against a compromised or runaway agent):
 * configured in major units, enforced in minor units through each currency's ISO 4217 exponent.
 */
import { type CurrencyCode, exponentOf, isCurrencyCode } from './currency.js';

/** The limit when nothing is configured: 1,000,000 major units per currency per principal per UTC day. */
export const DEFAULT_DAILY_REFUND_LIMIT = '1000000';
/** The quota window: a fixed UTC day (core's counters align windows to multiples of their length). */
export const REFUND_QUOTA_WINDOW_MS = 24 * 60 * 60 * 1000;
/** The largest configurable limit in major units; keeps every minor-unit limit an exact JSON/Lua number. */
const MAX_LIMIT_MAJOR = 10n ** 12n;

/** A limit in minor units, or `null` for no limit. */
type Limit = bigint | null;

/** Parsed limits: one for every currency, with optional per-currency overrides. */
export interface RefundLimits {
  /** Major units (whole) for every currency without an override, or `null` (off). */
  readonly defaultMajor: bigint | null;
  /** Per-currency limits already in minor units (`null`: off for that currency). */
  readonly overrides: Readonly<Partial<Record<CurrencyCode, Limit>>>;
}

/** The limits used when none are configured. */
export const DEFAULT_REFUND_LIMITS: RefundLimits = parseRefundLimits(DEFAULT_DAILY_REFUND_LIMIT);

/**
 * Parses `BILLING_DAILY_REFUND_LIMIT`: `<limit>[,<CUR>=<limit>…]` where a limit is a decimal amount in major
 * units or `off`. The first part applies to every currency and must be whole (JPY has no minor unit);
 * an override may carry up to its currency's exponent of decimals. `0` refuses every refund.
 * Examples: `1000000`, `5000,JPY=750000,KWD=1500.500`, `off`, `off,USD=10000`. Throws with a readable reason.
 */
export function parseRefundLimits(text: string): RefundLimits {
  const [first = '', ...rest] = text.split(',').map((part) => part.trim());
  const defaultMajor = first === 'off' ? null : wholeMajor(first);
  const overrides: Partial<Record<CurrencyCode, Limit>> = {};
  for (const part of rest) {
    const match = /^([A-Z]{3})=(.+)$/.exec(part);
    if (!match?.[1] || !match[2]) throw new Error(`"${part}" is not CUR=amount (e.g. JPY=750000)`);
    const [, code, value] = match;
    if (!isCurrencyCode(code)) throw new Error(`"${code}" is not a supported ISO 4217 currency`);
    if (Object.hasOwn(overrides, code)) throw new Error(`${code} is given twice`);
    overrides[code] = value === 'off' ? null : toMinor(value, exponentOf(code), code);
  }
  return { defaultMajor, overrides };
}

/** The limit for `currency` in minor units, or `null` when refunds in it are not limited. */
export function refundLimitMinor(limits: RefundLimits, currency: CurrencyCode): bigint | null {
  if (Object.hasOwn(limits.overrides, currency)) return limits.overrides[currency] ?? null;
  return limits.defaultMajor === null ? null : limits.defaultMajor * 10n ** BigInt(exponentOf(currency));
}

function wholeMajor(value: string): bigint {
  if (!/^\d{1,13}$/.test(value)) {
    throw new Error(`"${value}" is not a whole number of major units or "off" (it applies to every currency)`);
  }
  return checkMax(BigInt(value), value);
}

function toMinor(value: string, exponent: number, currency: CurrencyCode): bigint {
  const match = /^(\d{1,13})(?:\.(\d+))?$/.exec(value);
  if (!match?.[1]) throw new Error(`"${value}" is not an amount in major units or "off" for ${currency}`);
  const fraction = match[2] ?? '';
  if (fraction.length > exponent) {
    throw new Error(`"${value}" has more decimals than ${currency} has minor digits (${exponent})`);
  }
  checkMax(BigInt(match[1]), value);
  return BigInt(match[1] + fraction.padEnd(exponent, '0'));
}

function checkMax(major: bigint, value: string): bigint {
  if (major > MAX_LIMIT_MAJOR) throw new Error(`"${value}" is above the maximum of 10^12 major units`);
  return major;
}
