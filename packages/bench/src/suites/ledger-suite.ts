/**
 * The billing ledger alone, in process: the `apply_credit` transaction of the HTTP case run by billing's own
 * use-case code over its pg adapter, 16 at a time, without HTTP, MCP, core or Redis. It shows what the database
 * transaction itself costs on this machine: the part of a billing mutation no server code can remove.
 */
import { performance } from 'node:perf_hooks';
import { openBillingDatabase } from '../../../mcp-billing-server/src/adapters/open-billing-database.ts';
import type { CurrencyCode } from '../../../mcp-billing-server/src/domain/currency.ts';
import { applyCredit } from '../../../mcp-billing-server/src/use-cases/apply-credit.ts';
import {
  type OperationIdentity,
  runMoneyOperation,
} from '../../../mcp-billing-server/src/use-cases/money-operation.ts';
import { onboardCustomer } from '../../../mcp-billing-server/src/use-cases/onboard-customer.ts';
import type { BenchState } from '../infra/state.ts';
import { dependencyCpuSeconds } from '../load/proc-counters.ts';
import type { BenchOptions } from '../options.ts';
import { median } from '../stats.ts';
import { BENCH_CUSTOMERS } from './billing-fixture.ts';

/** Concurrent credits in flight, as the HTTP case's 16 connections. */
export const LEDGER_CONCURRENCY = 16;

/** Medians over the repetitions. */
export interface LedgerFigure {
  readonly creditsPerSec: number;
  /** CPU µs of this process (the pg client and billing's use-case code) per credit. */
  readonly clientCpuUsPerCredit: number;
  /** CPU µs of the local PostgreSQL and Redis processes per credit. */
  readonly dependencyCpuUsPerCredit: number | undefined;
  readonly credits: number;
}

/** Runs the credits on the bench's schema after the HTTP suite (the billing server is stopped by then). */
export async function runLedgerSuite(
  options: BenchOptions,
  state: BenchState | { unavailable: string },
): Promise<LedgerFigure | { unavailable: string }> {
  if ('unavailable' in state) return { unavailable: `not measured: ${state.unavailable}` };
  const db = await openBillingDatabase({ databaseUrl: state.databaseUrl, databaseSchema: state.schema });
  try {
    const tag = `ledger-${process.pid}-${Date.now().toString(36)}`;
    const identity = (tool: string, n: number): OperationIdentity => ({
      scope: `bench:${tool}`,
      requestId: `${tag}-${n}`,
      fingerprint: 'bench',
      processorKey: `${tag}-${n}`,
    });
    const customers: string[] = [];
    for (let n = 0; n < BENCH_CUSTOMERS; n += 1) {
      const input = {
        name: `Ledger ${n}`,
        email: `${tag}-${n}@example.com`,
        currency: 'USD' as CurrencyCode,
        planId: 'basic_usd',
      };
      const answer = await runMoneyOperation(db, identity('onboard', n), new Date(), (tx) =>
        onboardCustomer(tx, input, identity('onboard', n), new Date()),
      );
      customers.push(answer.structured.customer.id);
    }
    let sequence = 0;
    const credit = async () => {
      sequence += 1;
      const n = sequence;
      const id = identity('apply_credit', n);
      const input = {
        customerId: customers[n % customers.length] ?? '',
        currency: 'USD' as CurrencyCode,
        amountMinor: 1n,
        note: 'bench',
      };
      await runMoneyOperation(db, id, new Date(), (tx) => applyCredit(tx, input, id, new Date()));
    };
    const runFor = async (ms: number) => {
      const deadline = performance.now() + ms;
      let done = 0;
      await Promise.all(
        Array.from({ length: LEDGER_CONCURRENCY }, async () => {
          while (performance.now() < deadline) {
            await credit();
            done += 1;
          }
        }),
      );
      return done;
    };
    await runFor(1_000);
    const runs: { rate: number; client: number; dependency: number | undefined; credits: number }[] = [];
    for (let rep = 0; rep < options.repetitions; rep += 1) {
      const cpu0 = process.cpuUsage();
      const dep0 = dependencyCpuSeconds();
      const t0 = performance.now();
      const credits = await runFor(options.durationSec * 1_000);
      const seconds = (performance.now() - t0) / 1_000;
      const cpu = process.cpuUsage(cpu0);
      const dep1 = dependencyCpuSeconds();
      runs.push({
        rate: credits / seconds,
        client: (cpu.user + cpu.system) / credits,
        dependency: dep0 === undefined || dep1 === undefined ? undefined : ((dep1 - dep0) * 1e6) / credits,
        credits,
      });
    }
    const deps = runs.map((r) => r.dependency).filter((v): v is number => v !== undefined);
    return {
      creditsPerSec: median(runs.map((r) => r.rate)),
      clientCpuUsPerCredit: median(runs.map((r) => r.client)),
      dependencyCpuUsPerCredit: deps.length > 0 ? median(deps) : undefined,
      credits: runs.reduce((sum, r) => sum + r.credits, 0),
    };
  } catch (error) {
    return { unavailable: `not measured: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    await db.close();
  }
}
