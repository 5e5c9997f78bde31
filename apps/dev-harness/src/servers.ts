/** The servers the harness runs, with the calls its smoke run makes on each. */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { binPath, STATE_DIR } from './workspace.js';

/** One tool call of a smoke run. */
export interface SmokeCall {
  readonly tool: string;
  readonly args: Record<string, unknown>;
}

/** What the harness knows about one server. */
export interface ServerSpec {
  readonly name: 'calculator' | 'billing' | 'k8s';
  readonly bin: string;
  readonly binName: string;
  readonly defaultPort: number;
  /** Environment for this server on embedded defaults (kubeconfig path given once the simulator runs). */
  env(context: { kubeconfigPath: string }): Record<string, string>;
  readonly smoke: {
    readonly read: SmokeCall;
    /** A mutating call, made fresh per run (a new request_id is added); calculator has none. */
    readonly mutating?: () => SmokeCall;
    readonly bad: SmokeCall & { readonly code: string };
  };
}

/** Every server, in the order the table shows them (DESIGN §11 ports). */
export const SERVERS: readonly ServerSpec[] = [
  {
    name: 'calculator',
    bin: binPath('mcp-calculator-server', 'mcp-calculator-server'),
    binName: 'mcp-calculator-server',
    defaultPort: portFromEnv('HARNESS_CALCULATOR_PORT', 8701),
    env: () => ({}),
    smoke: {
      read: { tool: 'calculate', args: { operation: 'add', x: 0.1, y: 0.2 } },
      bad: { tool: 'calculate', args: { operation: 'divide', x: 1, y: 0 }, code: 'DIVISION_BY_ZERO' },
    },
  },
  {
    name: 'billing',
    bin: binPath('mcp-billing-server', 'mcp-billing-server'),
    binName: 'mcp-billing-server',
    defaultPort: portFromEnv('HARNESS_BILLING_PORT', 8702),
    env: () => ({ BILLING_DEMO_DATA: 'true', BILLING_DATA_DIR: join(STATE_DIR, 'billing-data') }),
    smoke: {
      read: { tool: 'list_invoices', args: {} },
      mutating: () => ({
        tool: 'onboard_customer',
        args: {
          name: 'Smoke Test Ltd',
          email: `smoke-${randomUUID()}@example.com`,
          currency: 'USD',
          plan_id: 'pro_usd',
        },
      }),
      bad: {
        tool: 'issue_refund',
        args: { payment_id: 'pay_smoke', currency: 'USD', amount_minor: -5, reason: 'duplicate' },
        code: 'INVALID_ARGUMENT',
      },
    },
  },
  {
    name: 'k8s',
    bin: binPath('mcp-k8s-server', 'mcp-k8s-server'),
    binName: 'mcp-k8s-server',
    defaultPort: portFromEnv('HARNESS_K8S_PORT', 8703),
    env: ({ kubeconfigPath }) => ({ KUBECONFIG: kubeconfigPath }),
    smoke: {
      read: { tool: 'list_workloads', args: { namespace: 'demo' } },
      mutating: () => ({ tool: 'scale_service', args: { namespace: 'demo', name: 'web-healthy', replicas: 3 } }),
      bad: {
        tool: 'scale_service',
        args: { namespace: 'demo', name: 'web-healthy', replicas: 100_000 },
        code: 'INVALID_ARGUMENT',
      },
    },
  },
];

/** A port from the environment (HARNESS_<SERVER>_PORT), else the DESIGN §11 default. */
function portFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 && value < 65536 ? value : fallback;
}

/** The server spec of a name, or undefined. */
export function serverNamed(name: string): ServerSpec | undefined {
  return SERVERS.find((s) => s.name === name);
}
