/** Billing for the bench: its bin on PostgreSQL (our own schema) and Redis, seeded with the demo customers. */
import { readFileSync } from 'node:fs';
import { binHttpSpec, builtBin } from '../children/servers.ts';
import { type RunningServer, type ServerSpec, startServer } from '../children/spawn-server.ts';
import type { BenchState } from '../infra/state.ts';
import { mcpPost, toolResultOf } from '../mcp-post.ts';
import { type McpHttpRequest, toolCallRequest } from '../request-shape.ts';

/** A demo customer the load calls rotate over. */
export interface BillingCustomer {
  readonly id: string;
  readonly currency: string;
}

/** A running billing server, or why there is none. */
export type BillingFixture = { readonly server: RunningServer } | { readonly unavailable: string };

/** The built billing bin on the bench's PostgreSQL schema and Redis, seeding the demo data; undefined when not built. */
export function billingSpec(state: BenchState, logDir: string): ServerSpec | undefined {
  const bin = builtBin('@bulkhead/mcp-billing-server', 'mcp-billing-server');
  if (!bin) return undefined;
  return binHttpSpec('billing', bin, logDir, {
    DATABASE_URL: state.databaseUrl,
    BILLING_DB_SCHEMA: state.schema,
    REDIS_URL: state.redisUrl,
    BILLING_DEMO_DATA: 'true',
  });
}

/** Starts the built billing bin with the demo data; never throws: a missing piece is reported instead. */
export async function startBilling(
  state: BenchState | { unavailable: string },
  logDir: string,
): Promise<BillingFixture> {
  if ('unavailable' in state) return { unavailable: `billing not measured: ${state.unavailable}` };
  const spec = billingSpec(state, logDir);
  if (!spec) return { unavailable: 'billing not available (no built bin)' };
  try {
    return { server: await startServer(spec) };
  } catch (error) {
    return { unavailable: `billing not available (${error instanceof Error ? error.message : String(error)})` };
  }
}

/**
 * Customers the load rotates over: enough that concurrent calls rarely touch the same customer (each money
 * operation locks its customer's row, as it must), so the figures show throughput, not one customer's queue.
 */
export const BENCH_CUSTOMERS = 64;

/**
 * The demo customers the server logged at start, then more onboarded through the server itself (`onboard_customer`)
 * up to {@link BENCH_CUSTOMERS}, with their currencies.
 */
export async function seededCustomers(server: RunningServer): Promise<BillingCustomer[]> {
  const customers: BillingCustomer[] = [];
  for (const id of demoCustomerIds(server.logFile)) {
    const result = toolResultOf(
      await mcpPost(server.url, toolCallRequest('get_billing_summary', { customer_id: id })),
      id,
    );
    const structured = result.structuredContent as { customer?: { currency?: string } } | undefined;
    customers.push({ id, currency: structured?.customer?.currency ?? 'USD' });
  }
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  for (let n = customers.length; n < BENCH_CUSTOMERS; n += 1) {
    const args = {
      name: `Bench ${n}`,
      email: `bench-${tag}-${n}@example.com`,
      currency: 'USD',
      plan_id: 'basic_usd',
      request_id: `bench-onboard-${tag}-${n}`,
    };
    const result = toolResultOf(await mcpPost(server.url, toolCallRequest('onboard_customer', args)), args.email);
    const structured = result.structuredContent as { customer?: { id?: string } } | undefined;
    if (!structured?.customer?.id) throw new Error(`onboard_customer returned no customer id for ${args.email}`);
    customers.push({ id: structured.customer.id, currency: 'USD' });
  }
  return customers;
}

/**
 * The two billing load shapes, rotating over the customers: a summary read, and a credit of one minor unit with a
 * new request_id on every call (so every call executes).
 */
export function billingCallRequests(customers: readonly BillingCustomer[]): {
  read: (n: number) => McpHttpRequest;
  mutation: (n: number) => McpHttpRequest;
} {
  const pick = (n: number) => customers[n % customers.length] ?? customers[0];
  const tag = `bench-${process.pid}-${Date.now().toString(36)}`;
  return {
    read: (n) => toolCallRequest('get_billing_summary', { customer_id: pick(n)?.id }, n),
    mutation: (n) => {
      const customer = pick(n);
      const args = {
        customer_id: customer?.id,
        currency: customer?.currency,
        amount_minor: 1,
        note: 'bench',
        request_id: `${tag}-${n}`,
      };
      return toolCallRequest('apply_credit', args, n);
    },
  };
}

function demoCustomerIds(logFile: string): string[] {
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.includes('"demo data"')) continue;
    const parsed = JSON.parse(line) as { customers?: unknown };
    if (Array.isArray(parsed.customers)) return parsed.customers.filter((c): c is string => typeof c === 'string');
  }
  return [];
}
