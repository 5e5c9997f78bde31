/** Money rules as plain functions: the exponent table, display, half-up rounding, proration and exact splits. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CURRENCY_EXPONENTS, exponentOf, formatMoney } from './currency.js';
import { allocate, divideHalfUp, MAX_AMOUNT_MINOR, money, prorate } from './money.js';

describe('ISO 4217 exponents', () => {
  it('follows ISO 4217, not Intl, for the currencies Intl gets wrong', () => {
    expect(exponentOf('USD')).toBe(2);
    expect(exponentOf('JPY')).toBe(0);
    expect(exponentOf('KWD')).toBe(3);
    expect(exponentOf('BHD')).toBe(3);
    expect(exponentOf('HUF')).toBe(2);
    expect(exponentOf('IDR')).toBe(2);
    expect(exponentOf('COP')).toBe(2);
    expect(exponentOf('IQD')).toBe(3);
    for (const code of ['EUR', 'GBP', 'CHF', 'SEK'] as const) expect(CURRENCY_EXPONENTS[code]).toBe(2);
  });

  it('displays minor units exactly, with grouping and sign', () => {
    expect(formatMoney(123456n, 'USD')).toBe('1,234.56 USD');
    expect(formatMoney(5n, 'USD')).toBe('0.05 USD');
    expect(formatMoney(-1050n, 'EUR')).toBe('-10.50 EUR');
    expect(formatMoney(3000n, 'JPY')).toBe('3,000 JPY');
    expect(formatMoney(9500n, 'KWD')).toBe('9.500 KWD');
    expect(formatMoney(BigInt(MAX_AMOUNT_MINOR), 'USD')).toBe('100,000,000.00 USD');
    expect(money(2900, 'GBP')).toEqual({ amount_minor: 2900, currency: 'GBP', display: '29.00 GBP' });
  });

  it('refuses to show an amount beyond the exact JSON integer range', () => {
    expect(() => money(2n ** 60n, 'USD')).toThrow(RangeError);
  });
});

describe('rounding and proration', () => {
  it('rounds half up (away from zero) once', () => {
    expect(divideHalfUp(5n, 2n)).toBe(3n);
    expect(divideHalfUp(7n, 3n)).toBe(2n);
    expect(divideHalfUp(-5n, 2n)).toBe(-3n);
    expect(divideHalfUp(1n, 3n)).toBe(0n);
    expect(prorate(2900n, 15n, 30n)).toBe(1450n);
    expect(prorate(999n, 1n, 2n)).toBe(500n);
  });

  it('stays within half a minor unit of the exact share', () => {
    fc.assert(
      fc.property(
        fc.bigInt(1n, 10_000_000_000n),
        fc.bigInt(1n, 3_000_000n),
        fc.bigInt(0n, 3_000_000n),
        (amount, whole, p) => {
          // biome-ignore lint/complexity/useMathMinMax: bigint operands; Math.min does not take them.
          const part = p > whole ? whole : p;
          const got = prorate(amount, part, whole);
          const twiceError = (got * whole - amount * part) * 2n;
          return twiceError <= whole && twiceError > -whole;
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('allocate', () => {
  it('splits so the parts add up exactly and each part is within one unit of its share', () => {
    fc.assert(
      fc.property(
        fc.bigInt(-10_000_000_000n, 10_000_000_000n),
        fc.array(fc.bigInt(0n, 1_000_000n), { minLength: 1, maxLength: 12 }).filter((w) => w.some((x) => x > 0n)),
        (total, weights) => {
          const parts = allocate(total, weights);
          const sum = weights.reduce((a, b) => a + b, 0n);
          if (parts.reduce((a, b) => a + b, 0n) !== total) return false;
          return parts.every((part, i) => {
            const exact = total * (weights[i] ?? 0n);
            const diff = part * sum - exact;
            return diff < sum && diff > -sum;
          });
        },
      ),
      { numRuns: 200 },
    );
    expect(allocate(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
  });
});
