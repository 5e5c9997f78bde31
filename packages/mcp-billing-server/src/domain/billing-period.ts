/** Billing periods and the share of a period that is left, for proration. */
import { prorate } from './money.js';

/** Adds one month (clamped to the month's last day) or one year, in UTC. */
export function addInterval(start: Date, interval: 'month' | 'year'): Date {
  const y = start.getUTCFullYear() + (interval === 'year' ? 1 : 0);
  const m = start.getUTCMonth() + (interval === 'month' ? 1 : 0);
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const end = new Date(start);
  end.setUTCFullYear(y, m, Math.min(start.getUTCDate(), lastDay));
  return end;
}

/** Seconds left of the period at `now` (0 after its end) and its whole length in seconds. */
export function periodShare(start: Date, end: Date, now: Date): { left: bigint; whole: bigint } {
  const whole = BigInt(Math.max(1, Math.floor((end.getTime() - start.getTime()) / 1000)));
  const raw = BigInt(Math.floor((end.getTime() - now.getTime()) / 1000));
  const left = raw < 0n ? 0n : raw > whole ? whole : raw;
  return { left, whole };
}

/** The unused part of `priceMinor` for the rest of the period, rounded half-up once. */
export function unusedAmount(priceMinor: bigint, start: Date, end: Date, now: Date): bigint {
  const { left, whole } = periodShare(start, end, now);
  return prorate(priceMinor, left, whole);
}

/** Whole days left, for line descriptions. */
export function daysLeft(end: Date, now: Date): number {
  return Math.max(0, Math.ceil((end.getTime() - now.getTime()) / 86_400_000));
}
