/** The daily refund limit per principal and currency (issue 7): issue_refund and cancel_subscription on PGlite. */
import { createServerMetrics, InMemoryQuotaCounter, parseConfig, type QuotaCounter } from '@bulkhead/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SandboxPaymentProcessor } from '../adapters/sandbox-payment-processor.js';
import { billingConfig } from '../config.js';
import { parseRefundLimits, REFUND_QUOTA_WINDOW_MS, refundLimitMinor } from '../domain/refund-limits.js';
import { ProcessorTimeoutError, type RefundRequest } from '../ports/payment-processor.js';
import {
  type BillingHarness,
  type Loose,
  ledgerViolations,
  onboard,
  paidCustomer,
  pgliteDatabase,
  rid,
  rowCounts,
  startBilling,
  type TestDatabase,
} from '../testing/billing-test-kit.js';

// 100.00 USD and 50.00 EUR per UTC day; every other currency 1,000.
const LIMITS = parseRefundLimits('1000,USD=100,EUR=50.00');

let database: TestDatabase;
const open: BillingHarness[] = [];
beforeAll(async () => {
  database = await pgliteDatabase();
});
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});
afterAll(async () => {
  await database.drop();
});

/** A billing server with its own quota counter (a fresh day), unless one is shared. */
async function start(options: { quotas?: QuotaCounter; processor?: SandboxPaymentProcessor; limits?: string } = {}) {
  const quotaCounter = options.quotas ?? new InMemoryQuotaCounter();
  const metrics = createServerMetrics('billing', { processMetrics: false });
  const h = await startBilling(database.db, {
    refundLimits: options.limits ? parseRefundLimits(options.limits) : LIMITS,
    ...(options.processor ? { processor: options.processor } : {}),
    runtime: { quotaCounter, metrics },
  });
  open.push(h);
  return { h, quotaCounter, metrics };
}

/** What the principal `local` has used today in `currency`, in minor units (a consume of 0 counts nothing). */
async function used(quotas: QuotaCounter, currency: string): Promise<number> {
  return (await quotas.consume(`refund:local:${currency}`, 0, Number.MAX_SAFE_INTEGER, REFUND_QUOTA_WINDOW_MS)).used;
}

const refund = (h: BillingHarness, args: Record<string, unknown>) =>
  h.call<Loose>('issue_refund', { currency: 'USD', reason: 'customer_request', request_id: rid('refund'), ...args });

describe('daily refund limit', () => {
  it('refuses the refund that would pass the limit with QUOTA_EXCEEDED, writing nothing; exactly the limit is fine', async () => {
    const { h, quotaCounter, metrics } = await start();
    const { paymentId } = await paidCustomer(h, 20_000);
    expect((await refund(h, { payment_id: paymentId, amount_minor: 6_000 })).isError).toBe(false);
    const before = await rowCounts(database.db);
    const refundsBefore = h.processor.calls.refunds;
    const over = await refund(h, { payment_id: paymentId, amount_minor: 5_000 });
    expect(over.error).toMatchObject({ code: 'QUOTA_EXCEEDED', retryable: false, outcome: 'not_executed' });
    expect(over.error?.details).toMatchObject({ left: { amount_minor: 4_000 }, limit: { display: '100.00 USD' } });
    expect(over.text).toContain('40.00 USD left today');
    expect(await rowCounts(database.db)).toEqual(before);
    expect(h.processor.calls.refunds).toBe(refundsBefore);
    expect(await used(quotaCounter, 'USD')).toBe(6_000);
    // The default amount (everything refundable, 140.00) is over the limit too.
    expect((await refund(h, { payment_id: paymentId })).error?.code).toBe('QUOTA_EXCEEDED');
    expect((await refund(h, { payment_id: paymentId, amount_minor: 4_000 })).isError).toBe(false);
    expect((await refund(h, { payment_id: paymentId, amount_minor: 1 })).error?.code).toBe('QUOTA_EXCEEDED');
    expect(await used(quotaCounter, 'USD')).toBe(10_000);
    expect(await metrics.registry.getSingleMetricAsString('bulkhead_quota_refusals_total')).toMatch(
      /tool="issue_refund"[^\n]* 3/,
    );
    expect(await ledgerViolations(database.db)).toEqual([]);
  });

  it('keeps each currency separate: USD at its limit leaves EUR and JPY untouched', async () => {
    const { h, quotaCounter } = await start();
    const usd = await paidCustomer(h, 10_000);
    const eur = await paidCustomer(h, 10_000, 'EUR');
    const jpy = await paidCustomer(h, 200_000, 'JPY');
    expect((await refund(h, { payment_id: usd.paymentId })).isError).toBe(false);
    expect((await refund(h, { payment_id: usd.paymentId, amount_minor: 1 })).error?.code).toBe(
      'REFUND_EXCEEDS_REMAINING',
    );
    const eurRefund = await refund(h, { payment_id: eur.paymentId, currency: 'EUR', amount_minor: 5_000 });
    expect(eurRefund.isError, eurRefund.text).toBe(false);
    expect((await refund(h, { payment_id: eur.paymentId, currency: 'EUR', amount_minor: 1 })).error?.code).toBe(
      'QUOTA_EXCEEDED',
    );
    // JPY falls back to the default 1000 major units = 1000 yen (no minor unit).
    const yen = await refund(h, { payment_id: jpy.paymentId, currency: 'JPY', amount_minor: 1_001 });
    expect(yen.error?.code).toBe('QUOTA_EXCEEDED');
    expect(yen.text).toContain('1,000 JPY');
    expect(await used(quotaCounter, 'USD')).toBe(10_000);
    expect(await used(quotaCounter, 'EUR')).toBe(5_000);
    expect(await used(quotaCounter, 'JPY')).toBe(0);
  });

  it('a replay counts nothing: neither from core’s store nor from the ledger after that store was lost', async () => {
    const quotas = new InMemoryQuotaCounter();
    const first = await start({ quotas });
    const { paymentId } = await paidCustomer(first.h, 20_000);
    const args = { payment_id: paymentId, amount_minor: 6_000, request_id: rid('replay') };
    const done = await refund(first.h, args);
    expect(done.isError, done.text).toBe(false);
    const coreReplay = await refund(first.h, args);
    expect(coreReplay.meta?.['io.bulkhead/idempotency']).toEqual({ replayed: true });
    // A second server with an empty idempotency store (a restart, a flushed Redis) and the same quota counter.
    const second = await start({ quotas });
    const ledgerReplay = await refund(second.h, args);
    expect(ledgerReplay.isError, ledgerReplay.text).toBe(false);
    expect(ledgerReplay.text).toContain('Already done earlier');
    expect(ledgerReplay.structured).toEqual(done.structured);
    expect(await used(quotas, 'USD')).toBe(6_000);
    // So the remaining 40.00 is still available.
    expect((await refund(second.h, { payment_id: paymentId, amount_minor: 4_000 })).isError).toBe(false);
    expect(await used(quotas, 'USD')).toBe(10_000);
  });

  it('gives the amount back when the refund rolls back (processor timeout), so the retry counts it once', async () => {
    class FlakyRefunds extends SandboxPaymentProcessor {
      failures = 1;
      override async refund(request: RefundRequest) {
        if (this.failures-- > 0) throw new ProcessorTimeoutError('sandbox refund timed out');
        return super.refund(request);
      }
    }
    const { h, quotaCounter } = await start({ processor: new FlakyRefunds() });
    const { paymentId } = await paidCustomer(h, 20_000);
    const args = { payment_id: paymentId, amount_minor: 7_000, request_id: rid('flaky') };
    const timedOut = await refund(h, args);
    expect(timedOut.error).toMatchObject({ code: 'PAYMENT_OUTCOME_UNKNOWN', outcome: 'unknown' });
    expect(await used(quotaCounter, 'USD')).toBe(0);
    // Core keeps the lease of an unknown outcome; a second server (as after the lease expired) reconciles.
    const retry = await refund((await start({ quotas: quotaCounter, processor: h.processor })).h, args);
    expect(retry.isError, retry.text).toBe(false);
    expect(await used(quotaCounter, 'USD')).toBe(7_000);
  });

  it('fails closed when the quota counter is down: DEPENDENCY_UNAVAILABLE, nothing refunded', async () => {
    const down: QuotaCounter = { consume: () => Promise.reject(new Error('redis down')) };
    const { h } = await start({ quotas: down });
    const { paymentId } = await paidCustomer(h, 5_000);
    const before = await rowCounts(database.db);
    const r = await refund(h, { payment_id: paymentId });
    expect(r.error).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', outcome: 'not_executed', retryable: true });
    expect(await rowCounts(database.db)).toEqual(before);
  });

  it('limits the refund branch of cancel_subscription, in the preview and when applying', async () => {
    const { h, quotaCounter } = await start({ limits: '1000,USD=10' });
    const { subscriptionId, invoiceId } = await onboard(h, { plan_id: 'pro_usd' });
    const paid = await h.call('collect_payment', { invoice_id: invoiceId, currency: 'USD', request_id: rid() });
    expect(paid.isError, paid.text).toBe(false);
    const cancel = { subscription_id: subscriptionId, when: 'now', unused_time: 'refund' };
    const preview = await h.call<Loose>('cancel_subscription', { ...cancel, request_id: rid() });
    expect(preview.error?.code).toBe('QUOTA_EXCEEDED');
    const before = await rowCounts(database.db);
    const applied = await h.call<Loose>('cancel_subscription', { ...cancel, dry_run: false, request_id: rid() });
    expect(applied.error?.code).toBe('QUOTA_EXCEEDED');
    expect(applied.text).toContain('10.00 USD');
    expect(await rowCounts(database.db)).toEqual(before);
    expect(await used(quotaCounter, 'USD')).toBe(0);
    // Unused time as credit moves no money out: not limited.
    const credit = await h.call<Loose>('cancel_subscription', {
      ...cancel,
      unused_time: 'credit',
      dry_run: false,
      request_id: rid(),
    });
    expect(credit.isError, credit.text).toBe(false);
  });
});

describe('BILLING_DAILY_REFUND_LIMIT', () => {
  it('parses a limit in major units per currency exponent, overrides and off', () => {
    const limits = parseRefundLimits('5000,JPY=750000,KWD=1500.5,GBP=off');
    expect(refundLimitMinor(limits, 'USD')).toBe(500_000n);
    expect(refundLimitMinor(limits, 'KRW')).toBe(5_000n);
    expect(refundLimitMinor(limits, 'BHD')).toBe(5_000_000n);
    expect(refundLimitMinor(limits, 'JPY')).toBe(750_000n);
    expect(refundLimitMinor(limits, 'KWD')).toBe(1_500_500n);
    expect(refundLimitMinor(limits, 'GBP')).toBeNull();
    expect(refundLimitMinor(parseRefundLimits('off,USD=10'), 'EUR')).toBeNull();
    expect(refundLimitMinor(parseRefundLimits('off,USD=10'), 'USD')).toBe(1_000n);
    expect(refundLimitMinor(parseRefundLimits('0'), 'USD')).toBe(0n);
    expect(refundLimitMinor(parseRefundLimits('1000000'), 'KWD')).toBe(1_000_000_000n);
  });

  it('is read from the environment or the flag, defaults to 1,000,000 and refuses a bad value in one line', () => {
    const limit = (env: Record<string, string>, argv: string[] = []) =>
      parseConfig(billingConfig, { env, argv }).dailyRefundLimit;
    expect(refundLimitMinor(limit({}), 'USD')).toBe(100_000_000n);
    expect(refundLimitMinor(limit({ BILLING_DAILY_REFUND_LIMIT: '' }), 'JPY')).toBe(1_000_000n);
    expect(refundLimitMinor(limit({ BILLING_DAILY_REFUND_LIMIT: '250' }), 'EUR')).toBe(25_000n);
    expect(refundLimitMinor(limit({}, ['--daily-refund-limit', 'off']), 'EUR')).toBeNull();
    expect(() => limit({ BILLING_DAILY_REFUND_LIMIT: '100,JPY=1.5' })).toThrow(/BILLING_DAILY_REFUND_LIMIT: expected/);
  });

  it.each([
    ['', /whole number/],
    ['10.5', /whole number/],
    ['-1', /whole number/],
    ['1e6', /whole number/],
    ['10000000000000', /whole number|maximum/],
    ['100,JPY=1.5', /more decimals than JPY/],
    ['100,XXX=5', /not a supported/],
    ['100,usd=5', /CUR=amount/],
    ['100,USD=1,USD=2', /twice/],
  ])('refuses %j', (text, reason) => {
    expect(() => parseRefundLimits(text)).toThrow(reason);
  });
});
