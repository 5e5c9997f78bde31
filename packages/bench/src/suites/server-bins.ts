/** The built Bulkhead bins and the environment each needs to start over stdio. */
import { builtBin } from '../children/servers.ts';
import type { BenchState } from '../infra/state.ts';

/** A bin ready to spawn, or why it cannot be. */
export interface BinTarget {
  readonly server: 'calculator' | 'billing' | 'k8s';
  readonly bin: string | undefined;
  readonly env: Record<string, string>;
  readonly unavailable?: string;
}

/** The three servers' bins: billing on the bench's PostgreSQL schema, k8s on the simulator's kubeconfig. */
export function serverBins(state: BenchState | { unavailable: string }, kubeconfig: string | undefined): BinTarget[] {
  const calculator = builtBin('@bulkhead/mcp-calculator-server', 'mcp-calculator-server');
  const billing = builtBin('@bulkhead/mcp-billing-server', 'mcp-billing-server');
  const k8s = builtBin('@bulkhead/mcp-k8s-server', 'mcp-k8s-server');
  const missing = (what: string) => `not measured: ${what} not available`;
  return [
    {
      server: 'calculator',
      bin: calculator,
      env: {},
      ...(calculator ? {} : { unavailable: missing('calculator bin') }),
    },
    'unavailable' in state || !billing
      ? { server: 'billing', bin: undefined, env: {}, unavailable: missing(billing ? 'PostgreSQL' : 'billing bin') }
      : { server: 'billing', bin: billing, env: { DATABASE_URL: state.databaseUrl, BILLING_DB_SCHEMA: state.schema } },
    kubeconfig && k8s
      ? { server: 'k8s', bin: k8s, env: { KUBECONFIG: kubeconfig } }
      : { server: 'k8s', bin: undefined, env: {}, unavailable: missing(k8s ? 'kube-sim' : 'k8s bin') },
  ];
}
