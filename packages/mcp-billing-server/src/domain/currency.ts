/** ISO 4217 currencies this server accepts, with their minor-unit exponents (explicit, never from Intl). */

/**
 * Minor-unit exponents per ISO 4217 (the SIX list). Intl disagrees for HUF, IDR, COP and IQD, which is why
 * this table exists: HUF has 2 minor digits per ISO even if cash rounds to whole forints.
 */
export const CURRENCY_EXPONENTS = {
  USD: 2,
  EUR: 2,
  GBP: 2,
  CHF: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  PLN: 2,
  CZK: 2,
  HUF: 2,
  CAD: 2,
  AUD: 2,
  NZD: 2,
  MXN: 2,
  BRL: 2,
  INR: 2,
  IDR: 2,
  COP: 2,
  ZAR: 2,
  SGD: 2,
  HKD: 2,
  CNY: 2,
  JPY: 0,
  KRW: 0,
  ISK: 0,
  CLP: 0,
  VND: 0,
  KWD: 3,
  BHD: 3,
  JOD: 3,
  OMR: 3,
  TND: 3,
  IQD: 3,
  LYD: 3,
} as const;

/** A supported ISO 4217 currency code. */
export type CurrencyCode = keyof typeof CURRENCY_EXPONENTS;

/** Every supported code, sorted, for enums in schemas. */
export const CURRENCY_CODES = Object.keys(CURRENCY_EXPONENTS).sort() as [CurrencyCode, ...CurrencyCode[]];

/** Whether `code` is a supported currency. */
export function isCurrencyCode(code: string): code is CurrencyCode {
  return Object.hasOwn(CURRENCY_EXPONENTS, code);
}

/** The number of minor-unit digits of a currency (2 for USD, 0 for JPY, 3 for KWD). */
export function exponentOf(currency: CurrencyCode): number {
  return CURRENCY_EXPONENTS[currency];
}

/** Renders minor units as a plain decimal with the currency code, e.g. `-1,234.50 USD`, `3,000 JPY`. */
export function formatMoney(amountMinor: bigint, currency: CurrencyCode): string {
  const exponent = exponentOf(currency);
  const negative = amountMinor < 0n;
  const digits = (negative ? -amountMinor : amountMinor).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : '';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction} ${currency}`;
}
