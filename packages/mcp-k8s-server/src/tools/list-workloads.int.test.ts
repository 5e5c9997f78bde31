/** list_workloads against kube-sim: 500 Deployments, every one exactly once across pages; the health filter. */
import { callToolForTest } from '@bulkhead/core/testing';
import { DEMO_NAMESPACE, DEMO_WORKLOADS } from '@bulkhead/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimHarness, startSimHarness } from '../test-support/sim-harness.js';

interface Page {
  rows: Array<{ name: string; health: string; ready: string; revision: number; image: string }>;
  next_cursor?: string;
}

let h: SimHarness;
beforeAll(async () => {
  // A slow controller tick: 500 Deployments would otherwise keep this process's event loop busy.
  h = await startSimHarness({ tickMs: 2000 });
  await h.sim.seedDeployments('bulk', 500, { namePrefix: 'svc' });
});
afterAll(async () => {
  await h?.close();
});

async function walk(args: Record<string, unknown>): Promise<{ names: string[]; pages: number }> {
  const names: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const outcome = await callToolForTest<Page>(h.connection.client, 'list_workloads', {
      ...args,
      ...(cursor ? { cursor } : {}),
    });
    expect(outcome.isError, outcome.text).toBe(false);
    names.push(...(outcome.structured?.rows ?? []).map((r) => r.name));
    cursor = outcome.structured?.next_cursor;
    pages += 1;
  } while (cursor && pages < 100);
  return { names, pages };
}

describe('list_workloads', () => {
  it('walks 500 Deployments: each exactly once', async () => {
    const { names, pages } = await walk({ namespace: 'bulk', limit: 37 });
    expect(names).toHaveLength(500);
    expect(new Set(names).size).toBe(500);
    expect(pages).toBe(Math.ceil(500 / 37));
  });

  it('gives compact rows and filters by health across API pages', async () => {
    const all = await callToolForTest<Page>(h.connection.client, 'list_workloads', { namespace: DEMO_NAMESPACE });
    expect(all.structured?.rows).toContainEqual({
      name: DEMO_WORKLOADS.healthy,
      ready: '3/3',
      image: 'ghcr.io/acme/web:2.3.1',
      revision: 1,
      health: 'healthy',
    });
    const failed = await walk({ namespace: DEMO_NAMESPACE, health: 'failed', limit: 2 });
    expect(failed.names).toContain(DEMO_WORKLOADS.oom);
    expect(failed.names).not.toContain(DEMO_WORKLOADS.healthy);
    expect(new Set(failed.names).size).toBe(failed.names.length);
  });

  it('refuses a cursor from other filters', async () => {
    const first = await callToolForTest<Page>(h.connection.client, 'list_workloads', { namespace: 'bulk', limit: 10 });
    const foreign = await callToolForTest(h.connection.client, 'list_workloads', {
      namespace: 'bulk',
      limit: 10,
      health: 'failed',
      cursor: first.structured?.next_cursor,
    });
    expect(foreign.error?.code).toBe('INVALID_CURSOR');
  });
});
