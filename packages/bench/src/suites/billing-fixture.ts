/** Billing for the bench: its bin on PostgreSQL (our own schema) and Redis, seeded with the demo customers. */
import { readFileSync } from 'node:fs';
import { binHttpSpec, builtBin } from '../children/servers.ts';
import { type RunningServer, startServer } from '../children/spawn-server.ts';
import type { BenchState } from '../infra/state.ts';
import { mcpPost, toolResultOf } from '../mcp-post.ts';
import { toolCallRequest } from '../request-shape.ts';

/** A demo customer the load calls rotate over. */
export interface BillingCustomer {
  readonly id: string;
  readonly currency: string;
}

/** A running billing server with its customers, or why there is none. */
export type BillingFixture =
  | { readonly server: RunningServer; readonly customers: readonly BillingCustomer[] }
  | { readonly unavailable: string };

/** Starts the built billing bin with `--demo-data`; never throws: a missing piece is reported instead. */
export async function startBilling(
  state: BenchState | { unavailable: string },
  logDir: string,
): Promise<BillingFixture> {
  const bin = builtBin('@bulkhead/mcp-billing-server', 'mcp-billing-server');
  if (!bin) return { unavailable: 'billing not available (no built bin)' };
  if ('unavailable' in state) return { unavailable: `billing not measured: ${state.unavailable}` };
  const spec = binHttpSpec('billing', bin, logDir, {
    DATABASE_URL: state.databaseUrl,
    BILLING_DB_SCHEMA: state.schema,
    REDIS_URL: state.redisUrl,
    BILLING_DEMO_DATA: 'true',
  });
  try {
    const server = await startServer(spec);
    const ids = demoCustomerIds(spec.logFile);
    const customers: BillingCustomer[] = [];
    for (const id of ids) {
      const result = toolResultOf(
        await mcpPost(server.url, toolCallRequest('get_billing_summary', { customer_id: id })),
        id,
      );
      const structured = result.structuredContent as { customer?: { currency?: string } } | undefined;
      customers.push({ id, currency: structured?.customer?.currency ?? 'USD' });
    }
    if (customers.length === 0) {
      await server.stop();
      return { unavailable: 'billing not available (no demo customers seeded)' };
    }
    return { server, customers };
  } catch (error) {
    return { unavailable: `billing not available (${error instanceof Error ? error.message : String(error)})` };
  }
}

function demoCustomerIds(logFile: string): string[] {
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.includes('"demo data"')) continue;
    const parsed = JSON.parse(line) as { customers?: unknown };
    if (Array.isArray(parsed.customers)) return parsed.customers.filter((c): c is string => typeof c === 'string');
  }
  return [];
}
