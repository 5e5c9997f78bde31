/** Every input field of every server is bounded and closed (DESIGN §4.4), read from the listings users get. */
import type { ComposedServer } from '@bulkhead/core';
import { findUnboundedInputs } from '@bulkhead/core/testing';
import { type BillingDeps, createBillingServer } from '@bulkhead/mcp-billing-server';
import { createCalculatorServer } from '@bulkhead/mcp-calculator-server';
import { createK8sServer, type K8sDeps } from '@bulkhead/mcp-k8s-server';
import { describe, expect, it } from 'vitest';

// Composing a server builds its listing only; the dependencies are not touched until a tool runs.
const servers: Array<[string, () => ComposedServer]> = [
  ['calculator', () => createCalculatorServer()],
  ['billing', () => createBillingServer({ profile: 'full' } as unknown as BillingDeps)],
  ['k8s', () => createK8sServer({} as unknown as K8sDeps)],
];

describe('bounded inputs', () => {
  it.each(servers)(
    '%s: every string, array and number has a bound, and no object takes unknown fields',
    (_name, make) => {
      const server = make();
      expect(server.listing.length).toBeGreaterThan(0);
      expect(findUnboundedInputs(server.listing)).toEqual([]);
    },
  );

  it('notices an unbounded field', () => {
    const listing = [{ name: 't', inputSchema: { type: 'object', properties: { q: { type: 'string' } } } }];
    expect(findUnboundedInputs(listing as never)).toEqual([
      't (arguments): accepts unknown fields',
      't .q: string without maxLength',
    ]);
  });
});
