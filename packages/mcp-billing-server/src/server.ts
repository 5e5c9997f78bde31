/** createBillingServer: the billing tools composed on core; no I/O at import time. */
import { type ComposedServer, composeServer, type Runtime, type RuntimeOptions } from '@bulkhead/core';
import { billingReadTools, billingTools } from './tools/index.js';
import type { BillingDeps } from './use-cases/billing-deps.js';
import { VERSION } from './version.js';

const INSTRUCTIONS = [
  'Billing on a double-entry ledger. Money is integer minor units plus an ISO 4217 currency (1050 USD = 10.50 USD; JPY has no minor unit, KWD has 3).',
  'Plans: basic_usd 9.00, pro_usd 29.00, team_usd 99.00, pro_usd_yearly 290.00 USD; basic_eur 9.00, pro_eur 27.00 EUR; pro_gbp, pro_chf, pro_sek, basic_jpy, pro_jpy, pro_kwd, pro_huf.',
  'Start with get_billing_summary. Every change takes a request_id: reuse it when retrying, and after a dry run apply with the same one.',
].join('\n');

/** Composes the billing server; `deps.profile: 'read-only'` lists only the read tools. */
export function createBillingServer(deps: BillingDeps, runtime: Runtime | RuntimeOptions = {}): ComposedServer {
  return composeServer(
    {
      name: 'billing',
      version: VERSION,
      instructions: INSTRUCTIONS,
      tools: deps.profile === 'read-only' ? billingReadTools : billingTools,
    },
    deps,
    runtime,
  );
}
