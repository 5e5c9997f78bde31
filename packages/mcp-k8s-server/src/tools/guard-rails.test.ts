/** Guard rails of k8s mutations (issue 7): replica cap, namespace policy and the daily change budget → QUOTA_EXCEEDED. */
import { createServerMetrics, InMemoryQuotaCounter, type QuotaCounter } from '@bulkhead/core';
import { callToolForTest, connectInProcess, type InProcessConnection } from '@bulkhead/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Cluster } from '../ports/cluster.js';
import { createK8sServer } from '../server.js';
import { refusingCluster } from '../test-support/refusing-cluster.js';
import { quietRuntime } from '../test-support/sim-harness.js';
import { type K8sDeps, k8sDeps } from './k8s-deps.js';

/** A cluster that answers scale_service (and nothing else) and records every call. */
function scalingCluster(): { cluster: Cluster; calls: string[] } {
  const calls: string[] = [];
  const answers: Record<string, () => unknown> = {
    readScale: () => ({ replicas: 1, resourceVersion: '7' }),
    replaceScale: () => undefined,
    readDeployment: () => ({ metadata: { name: 'web', namespace: 'shop', generation: 3 } }),
  };
  const cluster = new Proxy({} as Cluster, {
    get: (_t, property) => () => {
      calls.push(String(property));
      const answer = answers[String(property)];
      return answer ? Promise.resolve(answer()) : Promise.reject(new Error(`unexpected API call ${String(property)}`));
    },
  });
  return { cluster, calls };
}

let connection: InProcessConnection | undefined;
afterEach(async () => {
  await connection?.close();
  connection = undefined;
});

async function connect(cluster: Cluster, deps: Partial<Omit<K8sDeps, 'cluster'>>, quotaCounter?: QuotaCounter) {
  const metrics = createServerMetrics('k8s', { processMetrics: false });
  const server = createK8sServer(
    k8sDeps(cluster, { pollIntervalMs: 10, ...deps }),
    quietRuntime({ metrics, ...(quotaCounter ? { quotaCounter } : {}) }),
  );
  connection = await connectInProcess(server);
  const client = connection.client;
  const quotaRefusals = async () =>
    (await metrics.registry.getSingleMetric('bulkhead_quota_refusals_total')?.get())?.values.reduce(
      (sum, v) => sum + v.value,
      0,
    ) ?? 0;
  return { client, quotaRefusals };
}

describe('the replica cap (K8S_MAX_REPLICAS)', () => {
  it('a count within the schema bounds but above the cap is QUOTA_EXCEEDED saying the cap; nothing sent', async () => {
    const { cluster, calls } = refusingCluster();
    const { client, quotaRefusals } = await connect(cluster, { maxReplicas: 10 });
    for (const [tool, args] of [
      ['scale_service', { name: 'web', replicas: 50 }],
      ['deploy_service', { name: 'web', image: 'nginx:1.27', replicas: 50 }],
    ] as const) {
      const outcome = await callToolForTest(client, tool, { namespace: 'shop', request_id: `cap-${tool}`, ...args });
      expect(outcome.error).toMatchObject({
        code: 'QUOTA_EXCEEDED',
        retryable: false,
        outcome: 'not_executed',
        details: { field: 'replicas', guard_rail: 'max_replicas', limit: 10, requested: 50 },
      });
      expect(outcome.text).toContain("above this server's cap of 10 replicas per Deployment (K8S_MAX_REPLICAS)");
    }
    expect(calls).toEqual([]);
    expect(await quotaRefusals()).toBe(2);
    // At the cap is fine (the refusing cluster proves the checks passed: the first API call is attempted).
    const atCap = await callToolForTest(client, 'scale_service', {
      namespace: 'shop',
      name: 'web',
      replicas: 10,
      request_id: 'cap-at-limit',
    });
    expect(atCap.error?.code).not.toBe('QUOTA_EXCEEDED');
    expect(calls).toEqual(['readScale']);
  });
});

describe('the namespace policy for changes', () => {
  const policy = { allowed: ['shop', 'kube-system'], denied: ['kube-system'] };

  it.each([
    ['deploy_service', { image: 'nginx:1.27' }],
    ['scale_service', { replicas: 2 }],
    ['restart_service', {}],
    ['rollback_service', {}],
  ] as const)(
    '%s outside the allow list is QUOTA_EXCEEDED naming the allowed namespaces; nothing sent',
    async (tool, extra) => {
      const { cluster, calls } = refusingCluster();
      const { client, quotaRefusals } = await connect(cluster, { policy });
      const outcome = await callToolForTest(client, tool, {
        namespace: 'payments',
        name: 'web',
        request_id: `ns-${tool}`,
        ...extra,
      });
      expect(outcome.error).toMatchObject({
        code: 'QUOTA_EXCEEDED',
        retryable: false,
        details: { field: 'namespace', guard_rail: 'namespace_policy' },
      });
      expect(outcome.text).toContain('Namespace "payments" is not on its allow list for changes');
      expect(outcome.text).toContain('changes are allowed only in: shop.');
      expect(outcome.error?.retry_after_ms).toBeUndefined();
      expect(calls).toEqual([]);
      expect(await quotaRefusals()).toBe(1);
    },
  );

  it('a denied namespace is QUOTA_EXCEEDED for changes even when allowed, and PERMISSION_DENIED for reads', async () => {
    const { cluster, calls } = refusingCluster();
    const { client } = await connect(cluster, { policy });
    const write = await callToolForTest(client, 'scale_service', {
      namespace: 'kube-system',
      name: 'coredns',
      replicas: 3,
      request_id: 'ns-denied-0001',
    });
    expect(write.error?.code).toBe('QUOTA_EXCEEDED');
    expect(write.text).toContain('Namespace "kube-system" is on its deny list for changes');
    const read = await callToolForTest(client, 'diagnose_workload', { namespace: 'kube-system', name: 'coredns' });
    expect(read.error?.code).toBe('PERMISSION_DENIED');
    expect(calls).toEqual([]);
  });
});

describe('the daily change budget per principal (K8S_MUTATIONS_PER_DAY)', () => {
  it('counts executed changes only; the next one is QUOTA_EXCEEDED and sends nothing', async () => {
    const { cluster, calls } = scalingCluster();
    const { client, quotaRefusals } = await connect(cluster, { mutationsPerDay: 2 });
    const scale = (request_id: string, extra: Record<string, unknown> = {}) =>
      callToolForTest(client, 'scale_service', { namespace: 'shop', name: 'web', replicas: 2, request_id, ...extra });
    expect((await scale('budget-0001')).isError).toBe(false);
    // A dry run and a replay of the same request_id are not counted.
    expect((await scale('budget-dry-01', { dry_run: true })).isError).toBe(false);
    expect((await scale('budget-0001')).isError).toBe(false);
    expect((await scale('budget-0002')).isError).toBe(false);
    const sent = calls.length;
    const refused = await scale('budget-0003');
    expect(refused.error).toMatchObject({ code: 'QUOTA_EXCEEDED', retryable: false, details: { used: 2, limit: 2 } });
    expect(refused.text).toContain('daily Kubernetes change quota (2 of 2 used)');
    expect(refused.error?.retry_after_ms).toBeGreaterThan(0);
    expect(calls.length).toBe(sent);
    expect(await quotaRefusals()).toBe(1);
    // Dry runs still work: they change nothing.
    expect((await scale('budget-dry-02', { dry_run: true })).isError).toBe(false);
  });

  it('is kept per principal in the shared quota counter, and fails closed when it cannot be reached', async () => {
    const counter = new InMemoryQuotaCounter();
    const { cluster } = scalingCluster();
    const first = await connect(cluster, { mutationsPerDay: 1 }, counter);
    expect(
      (
        await callToolForTest(first.client, 'scale_service', {
          namespace: 'shop',
          name: 'web',
          replicas: 2,
          request_id: 'shared-0001',
        })
      ).isError,
    ).toBe(false);
    await connection?.close();
    // Another server process sharing the counter (Redis in production) sees the same budget.
    const second = await connect(cluster, { mutationsPerDay: 1 }, counter);
    const refused = await callToolForTest(second.client, 'restart_service', {
      namespace: 'shop',
      name: 'web',
      request_id: 'shared-0002',
    });
    expect(refused.error?.code).toBe('QUOTA_EXCEEDED');
    await connection?.close();

    const broken: QuotaCounter = { consume: () => Promise.reject(new Error('redis down')) };
    const { cluster: c2, calls } = scalingCluster();
    const third = await connect(c2, { mutationsPerDay: 5 }, broken);
    const outcome = await callToolForTest(third.client, 'scale_service', {
      namespace: 'shop',
      name: 'web',
      replicas: 2,
      request_id: 'broken-0001',
    });
    expect(outcome.error).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', retryable: true, outcome: 'not_executed' });
    expect(calls).toEqual([]);
  });
});
