/** Deploy, scale, restart and roll back against kube-sim, end to end through get_job_status; idempotency and races. */
import { callToolForTest } from '@bulkhead/core/testing';
import { DEMO_NAMESPACE, DEMO_WORKLOADS } from '@bulkhead/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../ports/cluster.js';
import { pollJob } from '../test-support/poll-job.js';
import { clusterFor, type SimHarness, startSimHarness } from '../test-support/sim-harness.js';
import { withConflictRetry } from './conflict-retry.js';

interface Started {
  job_id?: string;
  generation?: number;
  dry_run: boolean;
  message: string;
  rollout?: { state: string };
}

let h: SimHarness;
let admin: Cluster;
beforeAll(async () => {
  h = await startSimHarness();
  admin = clusterFor(h.sim.kubeconfigYaml);
});
afterAll(async () => {
  await h?.close();
});

const signal = new AbortController().signal;

/** The cluster's methods bound to it, so a test can override some and keep the rest. */
function bindAll(cluster: Cluster): Cluster {
  const proto = Object.getPrototypeOf(cluster) as object;
  const names = Object.getOwnPropertyNames(proto).filter((n) => n !== 'constructor' && n !== 'call');
  const bound: Record<string, unknown> = {};
  for (const name of names)
    bound[name] = (cluster as unknown as Record<string, (...a: unknown[]) => unknown>)[name]?.bind(cluster);
  return bound as unknown as Cluster;
}
const call = (tool: string, args: Record<string, unknown>) =>
  callToolForTest<Started>(h.connection.client, tool, { namespace: DEMO_NAMESPACE, ...args });

describe('deploy_service', () => {
  it('dry run validates on the server and creates nothing', async () => {
    const outcome = await call('deploy_service', {
      name: 'shop',
      image: 'ghcr.io/acme/shop:1.0.0',
      request_id: 'deploy-dry-0001',
      dry_run: true,
    });
    expect(outcome.isError, outcome.text).toBe(false);
    expect(outcome.structured).toMatchObject({ dry_run: true });
    expect(outcome.structured?.job_id).toBeUndefined();
    await expect(admin.readDeployment(DEMO_NAMESPACE, 'shop', signal)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('creates a Deployment and its Service by apply, and the job completes', async () => {
    const outcome = await call('deploy_service', {
      name: 'shop',
      image: 'ghcr.io/acme/shop:1.0.0',
      replicas: 2,
      port: 8080,
      service: true,
      env: [{ name: 'LOG_LEVEL', value: 'debug' }],
      resources: { cpu_request: '100m', memory_limit: '256Mi' },
      request_id: 'deploy-shop-0001',
    });
    expect(outcome.isError, outcome.text).toBe(false);
    const job = await pollJob(h.connection.client, outcome.structured?.job_id ?? '');
    expect(job).toMatchObject({ kind: 'deploy', state: 'succeeded', progress: 1 });
    const live = await admin.readDeployment(DEMO_NAMESPACE, 'shop', signal);
    expect(live.spec?.template.spec?.containers[0]).toMatchObject({
      image: 'ghcr.io/acme/shop:1.0.0',
      resources: { limits: { memory: '256Mi' } },
    });
  });

  it('waits for the rollout when asked, and a repeated request_id replays without applying twice', async () => {
    const args = {
      name: 'shop',
      image: 'ghcr.io/acme/shop:1.1.0',
      replicas: 2,
      request_id: 'deploy-shop-0002',
      wait_seconds: 10,
    };
    const first = await call('deploy_service', args);
    expect(first.structured?.rollout?.state).toBe('succeeded');
    const generation = (await admin.readDeployment(DEMO_NAMESPACE, 'shop', signal)).metadata?.generation;
    const again = await call('deploy_service', args);
    expect(again.structured?.job_id).toBe(first.structured?.job_id);
    expect(again.meta?.['io.bulkhead/idempotency']).toMatchObject({ replayed: true });
    expect((await admin.readDeployment(DEMO_NAMESPACE, 'shop', signal)).metadata?.generation).toBe(generation);
  });
});

describe('scale_service', () => {
  it('scales and the job completes', async () => {
    const outcome = await call('scale_service', {
      name: DEMO_WORKLOADS.healthy,
      replicas: 5,
      request_id: 'scale-web-0001',
    });
    expect(outcome.isError, outcome.text).toBe(false);
    expect(await pollJob(h.connection.client, outcome.structured?.job_id ?? '')).toMatchObject({
      state: 'succeeded',
      rollout: { available: 5 },
    });
  });

  it('resolves a concurrent scale race through conflict retry', async () => {
    // Both calls read the same resourceVersion before either writes, so one write must conflict.
    let conflicts = 0;
    let arrived = 0;
    let release: () => void = () => {};
    const barrier = new Promise<void>((resolve) => {
      release = resolve;
    });
    const racing = await startSimHarness({
      wrap: (cluster) => ({
        ...bindAll(cluster),
        async readScale(ns, name, s) {
          const scale = await cluster.readScale(ns, name, s);
          arrived += 1;
          if (arrived === 2) release();
          if (arrived <= 2) await barrier;
          return scale;
        },
        async replaceScale(ns, name, scale, dryRun, s) {
          try {
            await cluster.replaceScale(ns, name, scale, dryRun, s);
          } catch (error) {
            if ((error as { code?: unknown }).code === 'CONFLICT') conflicts += 1;
            throw error;
          }
        },
      }),
    });
    try {
      const race = (replicas: number, id: string) =>
        callToolForTest<Started>(racing.connection.client, 'scale_service', {
          namespace: DEMO_NAMESPACE,
          name: DEMO_WORKLOADS.healthy,
          replicas,
          request_id: id,
        });
      const [a, b] = await Promise.all([race(2, 'scale-race-000a'), race(4, 'scale-race-000b')]);
      expect(a.isError, a.text).toBe(false);
      expect(b.isError, b.text).toBe(false);
      expect(conflicts).toBe(1);
      const final = (
        await clusterFor(racing.sim.kubeconfigYaml).readScale(DEMO_NAMESPACE, DEMO_WORKLOADS.healthy, signal)
      ).replicas;
      expect([2, 4]).toContain(final);
    } finally {
      await racing.close();
    }
  });

  it('a repeated request_id does not scale twice', async () => {
    const first = await call('scale_service', {
      name: DEMO_WORKLOADS.healthy,
      replicas: 3,
      request_id: 'scale-web-0003',
    });
    // The sim's controller writes status concurrently: re-read on a 409, as any client must.
    await withConflictRetry(signal, async () =>
      admin.replaceScale(
        DEMO_NAMESPACE,
        DEMO_WORKLOADS.healthy,
        { ...(await admin.readScale(DEMO_NAMESPACE, DEMO_WORKLOADS.healthy, signal)), replicas: 1 },
        false,
        signal,
      ),
    );
    const again = await call('scale_service', {
      name: DEMO_WORKLOADS.healthy,
      replicas: 3,
      request_id: 'scale-web-0003',
    });
    expect(again.structured?.job_id).toBe(first.structured?.job_id);
    expect((await admin.readScale(DEMO_NAMESPACE, DEMO_WORKLOADS.healthy, signal)).replicas).toBe(1);
  });
});

describe('restart_service', () => {
  it('restarts once per request_id and the job completes', async () => {
    const outcome = await call('restart_service', { name: DEMO_WORKLOADS.healthy, request_id: 'restart-web-0001' });
    expect(outcome.isError, outcome.text).toBe(false);
    const generation = outcome.structured?.generation;
    expect(await pollJob(h.connection.client, outcome.structured?.job_id ?? '')).toMatchObject({ state: 'succeeded' });
    const replay = await call('restart_service', { name: DEMO_WORKLOADS.healthy, request_id: 'restart-web-0001' });
    expect(replay.structured?.generation).toBe(generation);
    expect((await admin.readDeployment(DEMO_NAMESPACE, DEMO_WORKLOADS.healthy, signal)).metadata?.generation).toBe(
      generation,
    );
  });
});

describe('rollback_service', () => {
  it('rolls the crash loop back to revision 1; the job completes and the workload is healthy', async () => {
    const outcome = await call('rollback_service', {
      name: DEMO_WORKLOADS.crashLoop,
      to_revision: 1,
      request_id: 'rollback-api-0001',
    });
    expect(outcome.isError, outcome.text).toBe(false);
    expect(await pollJob(h.connection.client, outcome.structured?.job_id ?? '')).toMatchObject({
      kind: 'rollback',
      state: 'succeeded',
    });
    const diagnosis = await callToolForTest<{ root_cause: { kind: string } }>(
      h.connection.client,
      'diagnose_workload',
      { namespace: DEMO_NAMESPACE, name: DEMO_WORKLOADS.crashLoop },
    );
    expect(diagnosis.structured?.root_cause.kind).toBe('healthy');
    const env =
      (await admin.readDeployment(DEMO_NAMESPACE, DEMO_WORKLOADS.crashLoop, signal)).spec?.template.spec?.containers[0]
        ?.env ?? [];
    expect(env.map((e) => e.name)).toContain('DATABASE_URL');
  });

  it('rolls the stuck rollout back to the previous revision without to_revision', async () => {
    const outcome = await call('rollback_service', {
      name: DEMO_WORKLOADS.stuckRollout,
      request_id: 'rollback-billing-01',
    });
    expect(outcome.structured?.message).toContain('revision 1');
    expect(await pollJob(h.connection.client, outcome.structured?.job_id ?? '')).toMatchObject({ state: 'succeeded' });
  });

  it('an unknown revision is NOT_FOUND with the known ones', async () => {
    const outcome = await call('rollback_service', {
      name: DEMO_WORKLOADS.healthy,
      to_revision: 99,
      request_id: 'rollback-web-0099',
    });
    expect(outcome.error?.code).toBe('NOT_FOUND');
    expect(outcome.text).toContain('known revisions');
  });
});
