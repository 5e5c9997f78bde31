/** cluster_overview against kube-sim's demo scenario, and `truncated` on the results that cut output (metrics). */
import { createServerMetrics } from '@bulkhead/core';
import { callToolForTest } from '@bulkhead/core/testing';
import { DEMO_NAMESPACE, DEMO_WORKLOADS } from '@bulkhead/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeEvent } from '../domain/k8s-objects.js';
import { clusterFor, quietRuntime, type SimHarness, startSimHarness } from '../test-support/sim-harness.js';

interface Overview {
  nodes: { total: number; ready: number; not_ready: string[] };
  namespaces: Array<{ namespace: string; deployments: number; health: Record<string, number> }>;
  warnings: Array<{
    namespace: string;
    reason: string;
    count: number;
    objects: number;
    example: string;
    message: string;
  }>;
  notes: string[];
  truncated?: boolean;
}

const metrics = createServerMetrics('k8s', { processMetrics: false });
let h: SimHarness;
beforeAll(async () => {
  // The demo is warmed up before startKubeSim resolves; a long tick keeps it still, so counts can be compared exactly.
  h = await startSimHarness({ tickMs: 60_000, runtime: quietRuntime({ metrics }) });
});
afterAll(async () => {
  await h?.close();
});

async function truncations(tool: string): Promise<number> {
  const metric = await metrics.registry.getSingleMetric('bulkhead_truncations_total')?.get();
  return metric?.values.find((v) => v.labels.tool === tool)?.value ?? 0;
}

describe('cluster_overview on the demo scenario', () => {
  it('nodes, health counts per namespace and deduplicated warnings, in one call', async () => {
    const outcome = await callToolForTest<Overview>(h.connection.client, 'cluster_overview', {});
    expect(outcome.isError, outcome.text).toBe(false);
    const o = outcome.structured as Overview;

    // Three Ready nodes (kube-sim-node-1..3).
    expect(o.nodes).toEqual({ total: 3, ready: 3, not_ready: [] });
    expect(outcome.text).toContain('Nodes: 3/3 ready.');

    // Every namespace but the denied kube-system, sorted; demo's eight Deployments by health.
    expect(o.namespaces.map((n) => n.namespace)).toEqual(['default', 'demo', 'kube-node-lease', 'kube-public']);
    const demo = o.namespaces.find((n) => n.namespace === DEMO_NAMESPACE);
    expect(demo?.deployments).toBe(Object.keys(DEMO_WORKLOADS).length);
    expect(demo?.deployments).toBe(8);
    // web-healthy is healthy; oom, image pull, unschedulable, config error, not-ready and the stuck rollout
    // are failed; the crash loop still serves revision 1 and is progressing until its 600 s deadline passes.
    expect(demo?.health).toEqual({ healthy: 1, failed: 6, progressing: 1, degraded: 0, scaled_to_zero: 0 });
    expect(outcome.text).toContain('demo: 8 deployments — 6 failed, 1 progressing, 1 healthy');
    for (const ns of o.namespaces.filter((n) => n.namespace !== DEMO_NAMESPACE)) expect(ns.deployments).toBe(0);

    // Warnings: only Warning events, grouped by namespace + reason + message shape, most frequent first.
    expect(o.warnings.length).toBeGreaterThan(3);
    expect(o.warnings.length).toBeLessThanOrEqual(10);
    expect(o.warnings.every((w) => w.namespace === DEMO_NAMESPACE)).toBe(true);
    const counts = o.warnings.map((w) => w.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const keys = o.warnings.map((w) => `${w.reason}|${w.message}`);
    expect(new Set(keys).size).toBe(keys.length);
    const reasons = new Set(o.warnings.map((w) => w.reason));
    for (const reason of ['BackOff', 'Failed', 'FailedScheduling', 'Unhealthy']) expect(reasons).toContain(reason);

    // Readiness failures of billing-stuck's and search-notready's pods are one group: counts summed, objects counted.
    const raw = await clusterFor(h.sim.kubeconfigYaml).listEvents(
      DEMO_NAMESPACE,
      'type=Warning',
      500,
      new AbortController().signal,
    );
    const unhealthy = raw.filter((e: KubeEvent) => e.reason === 'Unhealthy');
    const group = o.warnings.find((w) => w.reason === 'Unhealthy');
    expect(group?.objects).toBe(new Set(unhealthy.map((e) => e.involvedObject.name)).size);
    expect(group?.objects).toBeGreaterThanOrEqual(2);
    expect(group?.count).toBe(unhealthy.reduce((sum, e) => sum + (e.series?.count ?? e.count ?? 1), 0));
    expect(o.warnings.reduce((sum, w) => sum + w.count, 0)).toBe(
      raw.reduce((sum, e) => sum + (e.series?.count ?? e.count ?? 1), 0),
    );
    expect(raw.length).toBeGreaterThan(o.warnings.length);

    // Nothing was cut.
    expect(o.truncated).toBeUndefined();
    expect(o.notes).toEqual([]);
    expect(await truncations('cluster_overview')).toBe(0);
  });
});

describe('truncated results are marked (and counted in /metrics)', () => {
  it('get_logs: a page cut by max_bytes is truncated; the whole log is not', async () => {
    const logs = (max_bytes: number) =>
      callToolForTest<{ truncated: boolean }>(h.connection.client, 'get_logs', {
        namespace: DEMO_NAMESPACE,
        name: DEMO_WORKLOADS.healthy,
        max_bytes,
      });
    const whole = await logs(65536);
    expect(whole.structured?.truncated).toBe(false);
    expect(await truncations('get_logs')).toBe(0);
    const cut = await logs(256);
    expect(cut.structured?.truncated).toBe(true);
    expect(await truncations('get_logs')).toBe(1);
  });

  it('diagnose_workload: events over its cap are counted in omitted and the result is truncated', async () => {
    const healthy = await callToolForTest<{ omitted?: unknown }>(h.connection.client, 'diagnose_workload', {
      namespace: DEMO_NAMESPACE,
      name: DEMO_WORKLOADS.healthy,
    });
    expect(healthy.structured?.omitted).toBeUndefined();
    expect(await truncations('diagnose_workload')).toBe(0);
    const crash = await callToolForTest<{ omitted?: { events: number }; events: unknown[] }>(
      h.connection.client,
      'diagnose_workload',
      { namespace: DEMO_NAMESPACE, name: DEMO_WORKLOADS.crashLoop },
    );
    expect(crash.structured?.events).toHaveLength(5);
    expect(crash.structured?.omitted?.events).toBeGreaterThan(0);
    expect(crash.text).toMatch(/Not shown: \d+ more events/);
    expect(await truncations('diagnose_workload')).toBe(1);
  });
});
