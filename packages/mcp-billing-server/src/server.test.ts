/** The billing server as a whole: a lean, sorted, fully described tools/list within budget, honest hints, profiles. */
import { countToolListTokens } from '@bulkhead/core/testing';
import { describe, expect, it } from 'vitest';
import { SandboxPaymentProcessor } from './adapters/sandbox-payment-processor.js';
import { createBillingServer } from './server.js';
import { billingOnPglite, startBilling } from './testing/billing-test-kit.js';

/** DESIGN §4: billing's whole tools/list stays within 2,500 o200k tokens. */
const TOKEN_BUDGET = 2_500;
const ALL = [
  'apply_credit',
  'cancel_subscription',
  'change_plan',
  'collect_payment',
  'find_payments',
  'get_billing_summary',
  'issue_refund',
  'list_invoices',
  'onboard_customer',
];

interface JsonSchemaNode {
  properties?: Record<string, JsonSchemaNode & { description?: string }>;
  additionalProperties?: unknown;
  items?: JsonSchemaNode;
}

const suite = billingOnPglite();

describe('billing tools/list', () => {
  const deps = { db: {} as never, processor: new SandboxPaymentProcessor(), now: () => new Date() };
  const tokens = countToolListTokens(createBillingServer(deps));

  it(`fits the ${TOKEN_BUDGET}-token budget (o200k: ${tokens} tokens)`, () => {
    expect(tokens, `tools/list is ${tokens} o200k tokens`).toBeLessThanOrEqual(TOKEN_BUDGET);
    expect(tokens).toBeGreaterThan(500);
  });

  it('lists the nine tools sorted by name, identically every time', async () => {
    const first = (await suite.h.connection.client.listTools()).tools;
    expect(first.map((t) => t.name)).toEqual(ALL);
    expect(JSON.stringify((await suite.h.connection.client.listTools()).tools)).toBe(JSON.stringify(first));
  });

  it('describes every input property, bounds every string and rejects unknown fields', async () => {
    for (const tool of (await suite.h.connection.client.listTools()).tools) {
      const schema = tool.inputSchema as JsonSchemaNode;
      expect(schema.additionalProperties, tool.name).toBe(false);
      for (const [name, prop] of Object.entries(schema.properties ?? {})) {
        expect(prop.description, `${tool.name}.${name}`).toBeTruthy();
        const p = prop as Record<string, unknown>;
        if (p.type === 'string' && !p.enum) expect(p.maxLength, `${tool.name}.${name} maxLength`).toBeDefined();
        if (p.type === 'integer') expect(p.maximum, `${tool.name}.${name} maximum`).toBeDefined();
      }
    }
    const wire = JSON.stringify((await suite.h.connection.client.listTools()).tools);
    expect(wire).not.toContain('"$schema"');
  });

  it('requires request_id on every mutating tool and marks refunds and cancellations destructive', async () => {
    const tools = (await suite.h.connection.client.listTools()).tools;
    for (const tool of tools) {
      const mutating = tool.annotations?.readOnlyHint === false;
      expect(((tool.inputSchema as { required?: string[] }).required ?? []).includes('request_id'), tool.name).toBe(
        mutating,
      );
      for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
        expect(typeof tool.annotations?.[hint], `${tool.name}.${hint}`).toBe('boolean');
      }
    }
    const destructive = tools.filter((t) => t.annotations?.destructiveHint).map((t) => t.name);
    expect(destructive).toEqual(['cancel_subscription', 'issue_refund']);
    const readOnly = tools.filter((t) => t.annotations?.readOnlyHint).map((t) => t.name);
    expect(readOnly).toEqual(['find_payments', 'get_billing_summary', 'list_invoices']);
  });

  it('defaults dry_run to true on change_plan and cancel_subscription', async () => {
    for (const tool of (await suite.h.connection.client.listTools()).tools) {
      const dry = (tool.inputSchema as JsonSchemaNode).properties?.dry_run as { default?: unknown } | undefined;
      if (['change_plan', 'cancel_subscription'].includes(tool.name)) expect(dry?.default, tool.name).toBe(true);
      else expect(dry, tool.name).toBeUndefined();
    }
  });
});

describe('read-only profile', () => {
  it('lists only the read tools and refuses a mutating call as unknown', async () => {
    const ro = await startBilling(suite.db, { profile: 'read-only' });
    try {
      const names = (await ro.connection.client.listTools()).tools.map((t) => t.name);
      expect(names).toEqual(['find_payments', 'get_billing_summary', 'list_invoices']);
      await expect(
        ro.connection.client.callTool({ name: 'issue_refund', arguments: { payment_id: 'pay_x' } }),
      ).rejects.toThrow(/Unknown tool/);
    } finally {
      await ro.close();
    }
  });
});
