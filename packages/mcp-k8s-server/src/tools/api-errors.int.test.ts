/** API failures against kube-sim, mapped per the error contract and answered within the client timeouts. */
import { callToolForTest } from '@bulkhead/core/testing';
import { DEMO_NAMESPACE, DEMO_WORKLOADS } from '@bulkhead/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimHarness, startSimHarness } from '../test-support/sim-harness.js';

describe('RBAC denial (read-only identity)', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startSimHarness({ token: 'readOnly' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('reads work; a write is PERMISSION_DENIED naming the verb and resource, and the key is released', async () => {
    const read = await callToolForTest(h.connection.client, 'list_workloads', { namespace: DEMO_NAMESPACE });
    expect(read.isError).toBe(false);
    const write = await callToolForTest(h.connection.client, 'scale_service', {
      namespace: DEMO_NAMESPACE,
      name: DEMO_WORKLOADS.healthy,
      replicas: 2,
      request_id: 'rbac-denied-001',
    });
    expect(write.error).toMatchObject({
      code: 'PERMISSION_DENIED',
      retryable: false,
      details: { verb: 'update', resource: 'deployments/scale' },
    });
    expect(write.text).toContain('may not update deployments/scale');
    const deploy = await callToolForTest(h.connection.client, 'deploy_service', {
      namespace: DEMO_NAMESPACE,
      name: 'x',
      image: 'nginx:1.27',
      request_id: 'rbac-denied-002',
    });
    expect(deploy.error?.details).toMatchObject({ verb: 'patch', resource: 'deployments' });
  });
});

describe('throttling, server errors and an API server that is gone', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startSimHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a 429 storm is RATE_LIMITED honouring Retry-After', async () => {
    h.sim.injectFaults({ status: 429, count: 20, retryAfterSeconds: 3 });
    const outcome = await callToolForTest(h.connection.client, 'list_workloads', { namespace: DEMO_NAMESPACE });
    expect(outcome.error).toMatchObject({ code: 'RATE_LIMITED', retryable: true, retry_after_ms: 3000 });
  });

  it('a 500 on a write is a retryable UPSTREAM_ERROR with an unknown outcome', async () => {
    await h.sim.settle();
    // Drain any 429s left from the storm before injecting.
    for (let i = 0; i < 25; i += 1) {
      const probe = await callToolForTest(h.connection.client, 'list_workloads', {
        namespace: DEMO_NAMESPACE,
        limit: 1,
      });
      if (!probe.isError) break;
    }
    h.sim.injectFaults({ status: 500, count: 1, method: 'PATCH' });
    const outcome = await callToolForTest(h.connection.client, 'restart_service', {
      namespace: DEMO_NAMESPACE,
      name: DEMO_WORKLOADS.healthy,
      request_id: 'restart-500-0001',
    });
    expect(outcome.error).toMatchObject({ code: 'UPSTREAM_ERROR', retryable: true, outcome: 'unknown' });
    expect(outcome.text).toContain('same request_id');
  });

  it('an API server that is down is DEPENDENCY_UNAVAILABLE, quickly', async () => {
    await h.sim.close();
    const started = Date.now();
    const outcome = await callToolForTest(h.connection.client, 'diagnose_workload', {
      namespace: DEMO_NAMESPACE,
      name: DEMO_WORKLOADS.healthy,
    });
    expect(outcome.error).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', retryable: true });
    expect(outcome.text).not.toMatch(/127\.0\.0\.1|https?:/);
    expect(Date.now() - started).toBeLessThan(6000);
  });
});
