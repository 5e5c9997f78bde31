/** Property-based sequences of billing calls (with duplicate request ids and bursts), then every ledger invariant. */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { SqlClient } from '../ports/sql-client.js';
import { type BillingHarness, type Loose, ledgerViolations, rid, startBilling } from './billing-test-kit.js';

type Command =
  | { kind: 'onboard'; plan: number }
  | { kind: 'collect'; target: number; partial: boolean }
  | { kind: 'refund'; target: number; amount: number | undefined }
  | { kind: 'credit'; target: number; amount: number }
  | { kind: 'change'; target: number; plan: number; dryRun: boolean }
  | { kind: 'cancel'; target: number; when: 'now' | 'period_end'; unused: 'none' | 'credit' | 'refund' }
  | { kind: 'repeat' }
  | { kind: 'burst'; size: number };

const PLANS = ['basic_usd', 'pro_usd', 'team_usd', 'pro_usd_yearly'];

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('onboard' as const), plan: fc.nat(3) }),
  fc.record({ kind: fc.constant('collect' as const), target: fc.nat(50), partial: fc.boolean() }),
  fc.record({
    kind: fc.constant('refund' as const),
    target: fc.nat(50),
    amount: fc.option(fc.integer({ min: 1, max: 12_000 }), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('credit' as const), target: fc.nat(50), amount: fc.integer({ min: 1, max: 5_000 }) }),
  fc.record({ kind: fc.constant('change' as const), target: fc.nat(50), plan: fc.nat(3), dryRun: fc.boolean() }),
  fc.record({
    kind: fc.constant('cancel' as const),
    target: fc.nat(50),
    when: fc.constantFrom('now' as const, 'period_end' as const),
    unused: fc.constantFrom('none' as const, 'credit' as const, 'refund' as const),
  }),
  fc.constant({ kind: 'repeat' as const }),
  fc.record({ kind: fc.constant('burst' as const), size: fc.integer({ min: 2, max: 4 }) }),
);

interface World {
  customers: string[];
  subscriptions: string[];
  invoices: string[];
  payments: string[];
  last: { tool: string; args: Record<string, unknown> } | undefined;
}

const pick = (list: string[], i: number): string | undefined => (list.length === 0 ? undefined : list[i % list.length]);

/** Turns a command into one tool call against the current world (undefined when it has no target yet). */
function toCall(world: World, c: Command): { tool: string; args: Record<string, unknown> } | undefined {
  switch (c.kind) {
    case 'onboard':
      return {
        tool: 'onboard_customer',
        args: { name: 'P', email: `${rid('p')}@example.com`, currency: 'USD', plan_id: PLANS[c.plan] },
      };
    case 'collect': {
      const invoice = pick(world.invoices, c.target);
      return invoice
        ? {
            tool: 'collect_payment',
            args: { invoice_id: invoice, currency: 'USD', ...(c.partial ? { amount_minor: 500 } : {}) },
          }
        : undefined;
    }
    case 'refund': {
      const payment = pick(world.payments, c.target);
      return payment
        ? {
            tool: 'issue_refund',
            args: {
              payment_id: payment,
              currency: 'USD',
              reason: 'duplicate',
              ...(c.amount ? { amount_minor: c.amount } : {}),
            },
          }
        : undefined;
    }
    case 'credit': {
      const customer = pick(world.customers, c.target);
      return customer
        ? { tool: 'apply_credit', args: { customer_id: customer, currency: 'USD', amount_minor: c.amount, note: 'p' } }
        : undefined;
    }
    case 'change': {
      const sub = pick(world.subscriptions, c.target);
      return sub
        ? { tool: 'change_plan', args: { subscription_id: sub, new_plan_id: PLANS[c.plan], dry_run: c.dryRun } }
        : undefined;
    }
    case 'cancel': {
      const sub = pick(world.subscriptions, c.target);
      return sub
        ? {
            tool: 'cancel_subscription',
            args: {
              subscription_id: sub,
              when: c.when,
              unused_time: c.when === 'now' ? c.unused : 'none',
              dry_run: false,
            },
          }
        : undefined;
    }
    default:
      return undefined;
  }
}

async function run(h: BillingHarness, world: World, call: { tool: string; args: Record<string, unknown> }) {
  const result = await h.call<Loose>(call.tool, call.args);
  const s = result.structured;
  if (!result.isError && s) {
    if (call.tool === 'onboard_customer') {
      world.customers.push(s.customer.id);
      world.subscriptions.push(s.subscription.id);
      world.invoices.push(s.invoice.id);
    }
    if (call.tool === 'collect_payment') world.payments.push(s.payment.id);
    if (call.tool === 'change_plan' && s.invoice) world.invoices.push(s.invoice.id);
  }
  // Every failure is a well-formed tool error, never INTERNAL.
  if (result.isError) expect(result.error?.code, result.text).not.toBe('INTERNAL');
}

/** Runs `numRuns` random sequences against `db` (one shared ledger) and asserts the invariants after each. */
export async function assertInvariantsHold(db: SqlClient, numRuns: number): Promise<void> {
  const h = await startBilling(db);
  try {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 3, maxLength: 14 }), async (commands) => {
        const world: World = { customers: [], subscriptions: [], invoices: [], payments: [], last: undefined };
        for (const c of [{ kind: 'onboard', plan: 1 } as Command, ...commands]) {
          if (c.kind === 'repeat') {
            if (world.last) await run(h, world, world.last);
            continue;
          }
          if (c.kind === 'burst') {
            // The same request_id from several callers at once, plus distinct ones: at most one effect each.
            const base =
              toCall(world, { kind: 'refund', target: c.size, amount: 700 }) ??
              toCall(world, { kind: 'onboard', plan: 0 });
            if (!base) continue;
            const shared = { ...base, args: { ...base.args, request_id: rid('burst') } };
            await Promise.all(
              Array.from({ length: c.size }, (_, i) =>
                run(h, world, i % 2 === 0 ? shared : { ...base, args: { ...base.args, request_id: rid('b') } }),
              ),
            );
            continue;
          }
          const call = toCall(world, c);
          if (!call) continue;
          const withId = { ...call, args: { ...call.args, request_id: rid('prop') } };
          world.last = withId;
          await run(h, world, withId);
        }
        expect(await ledgerViolations(db)).toEqual([]);
      }),
      { numRuns },
    );
  } finally {
    await h.close();
  }
}
