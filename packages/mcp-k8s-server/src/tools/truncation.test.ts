/** The caps of cluster_overview and list_workloads mark their results truncated (counted in /metrics). */
import { createServerMetrics } from '@bulkhead/core';
import { callToolForTest, connectInProcess, type InProcessConnection } from '@bulkhead/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Deployment, KubeEvent } from '../domain/k8s-objects.js';
import type { Cluster } from '../ports/cluster.js';
import { createK8sServer } from '../server.js';
import { quietRuntime } from '../test-support/sim-harness.js';
import { deployment } from '../test-support/workload-fixtures.js';
import { k8sDeps } from './k8s-deps.js';

let connection: InProcessConnection | undefined;
afterEach(async () => {
  await connection?.close();
  connection = undefined;
});

/** A read-only fake cluster from a few answers; anything else rejects. */
function fakeCluster(answers: Partial<Record<keyof Cluster, (...args: never[]) => unknown>>): Cluster {
  return new Proxy({} as Cluster, {
    get: (_t, property) => {
      const answer = answers[property as keyof Cluster] as ((...args: unknown[]) => unknown) | undefined;
      return (...args: unknown[]) =>
        answer ? Promise.resolve(answer(...args)) : Promise.reject(new Error(`unexpected ${String(property)}`));
    },
  });
}

async function connect(cluster: Cluster) {
  const metrics = createServerMetrics('k8s', { processMetrics: false });
  connection = await connectInProcess(createK8sServer(k8sDeps(cluster), quietRuntime({ metrics })));
  const truncations = async (tool: string) =>
    (await metrics.registry.getSingleMetric('bulkhead_truncations_total')?.get())?.values.find(
      (v) => v.labels.tool === tool,
    )?.value ?? 0;
  return { client: connection.client, truncations };
}

const warning = (namespace: string, reason: string, i: number): KubeEvent => ({
  metadata: { name: `e${i}`, namespace },
  type: 'Warning',
  reason,
  message: `problem ${reason}`,
  count: 1,
  involvedObject: { kind: 'Pod', name: `p${i}`, namespace },
});

describe('cluster_overview caps', () => {
  it('a small cluster is not truncated', async () => {
    const { client, truncations } = await connect(
      fakeCluster({
        listNodes: () => [],
        listNamespaces: () => ['a', 'b'],
        listDeployments: () => ({ items: [deployment('web')], continueToken: undefined }),
        listEvents: () => [warning('a', 'BackOff', 1)],
      }),
    );
    const outcome = await callToolForTest(client, 'cluster_overview', {});
    expect(outcome.structured?.truncated).toBeUndefined();
    expect(await truncations('cluster_overview')).toBe(0);
  });

  it('more than 25 namespaces, 500 Deployments, 200 events or 10 warning groups: truncated, with notes', async () => {
    const namespaces = Array.from({ length: 30 }, (_, i) => `ns-${String(i).padStart(2, '0')}`);
    const { client, truncations } = await connect(
      fakeCluster({
        listNodes: () => [],
        listNamespaces: () => namespaces,
        listDeployments: (namespace: string) => ({
          items: [deployment('web')] as Deployment[],
          continueToken: namespace === 'ns-00' ? 'more' : undefined,
        }),
        listEvents: (namespace: string) =>
          namespace === 'ns-01'
            ? Array.from({ length: 200 }, (_, i) => warning(namespace, `Reason${i % 15}`, i))
            : [warning(namespace, 'BackOff', 0)],
      }),
    );
    const outcome = await callToolForTest<{
      truncated?: boolean;
      notes: string[];
      namespaces: unknown[];
      warnings: unknown[];
    }>(client, 'cluster_overview', {});
    expect(outcome.isError, outcome.text).toBe(false);
    const o = outcome.structured;
    expect(o?.truncated).toBe(true);
    expect(o?.namespaces).toHaveLength(25);
    expect(o?.warnings).toHaveLength(10);
    expect(o?.notes).toEqual(
      expect.arrayContaining([
        '5 more namespaces not shown; pass namespaces to choose.',
        'ns-00: only the first 500 Deployments counted.',
        'ns-01: only 200 warning events read.',
        expect.stringMatching(/^\d+ more warning groups not shown/),
      ]),
    );
    expect(outcome.text).toContain('more warning groups not shown');
    expect(await truncations('cluster_overview')).toBe(1);
  });
});

describe('list_workloads caps', () => {
  it('a page cut short by the API-page cap (a sparse health filter) is truncated; a full page is not', async () => {
    // 100 healthy Deployments, one API item per page (limit 1): the filter finds nothing in 20 API pages.
    const all = Array.from({ length: 100 }, (_, i) => deployment(`web-${String(i).padStart(3, '0')}`));
    const { client, truncations } = await connect(
      fakeCluster({
        listDeployments: (_ns: string, page: { limit: number; continueToken?: string }) => {
          const start = Number(page.continueToken ?? 0);
          const end = start + page.limit;
          return { items: all.slice(start, end), continueToken: end < all.length ? String(end) : undefined };
        },
      }),
    );
    const sparse = await callToolForTest<{ rows: unknown[]; next_cursor?: string }>(client, 'list_workloads', {
      namespace: 'demo',
      health: 'failed',
      limit: 1,
    });
    expect(sparse.structured?.rows).toEqual([]);
    expect(sparse.structured?.next_cursor).toBeDefined();
    expect(sparse.text).toContain('stopped after 20 API pages');
    expect(await truncations('list_workloads')).toBe(1);

    // A full page with a next cursor is ordinary pagination, not truncation.
    const full = await callToolForTest<{ rows: unknown[]; next_cursor?: string }>(client, 'list_workloads', {
      namespace: 'demo',
      limit: 10,
    });
    expect(full.structured?.rows).toHaveLength(10);
    expect(full.structured?.next_cursor).toBeDefined();
    expect(await truncations('list_workloads')).toBe(1);
  });
});
