/** diagnose_workload against kube-sim: every failure shape named in one call, under 1,500 tokens, nothing secret. */
import { callToolForTest, countTextTokens } from '@bulkhead/core/testing';
import { DEMO_NAMESPACE, DEMO_WORKLOADS } from '@bulkhead/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnosis } from '../domain/diagnosis-schema.js';
import { type SimHarness, startSimHarness } from '../test-support/sim-harness.js';

let h: SimHarness;
beforeAll(async () => {
  h = await startSimHarness();
});
afterAll(async () => {
  await h?.close();
});

async function diagnose(name: string) {
  const outcome = await callToolForTest<Diagnosis>(h.connection.client, 'diagnose_workload', {
    namespace: DEMO_NAMESPACE,
    name,
  });
  expect(outcome.isError, outcome.text).toBe(false);
  const wire = JSON.stringify(outcome.structured) + outcome.text;
  const tokens = countTextTokens(wire);
  expect(tokens).toBeLessThan(1500);
  expect(wire).not.toMatch(/managedFields|last-applied-configuration|postgres:\/\//);
  return { d: outcome.structured as Diagnosis, text: outcome.text, tokens };
}

describe('diagnose_workload on each failure shape, one call each', () => {
  it('crash loop: the explaining log line, the removed env var, rollback to revision 1', async () => {
    const { d } = await diagnose(DEMO_WORKLOADS.crashLoop);
    expect(d.root_cause.kind).toBe('crash_loop');
    expect(d.root_cause.summary).toContain('Error: missing required environment variable DATABASE_URL');
    expect(d.change).toMatchObject({ from_revision: 1, to_revision: 2 });
    expect(d.change?.changes).toContainEqual(expect.objectContaining({ field: 'env', detail: 'removed DATABASE_URL' }));
    expect(d.log_tail?.previous).toBe(true);
    expect(d.next_step).toMatchObject({ tool: 'rollback_service', arguments: { to_revision: 1 } });
  });

  it.each([
    { name: DEMO_WORKLOADS.oom, kind: 'oom_killed', says: '32Mi' },
    { name: DEMO_WORKLOADS.imagePull, kind: 'image_pull_failed', says: 'cache:7.2-does-not-exist' },
    { name: DEMO_WORKLOADS.unschedulable, kind: 'unschedulable', says: 'Insufficient cpu' },
    { name: DEMO_WORKLOADS.configError, kind: 'config_error', says: 'secret "auth-jwt" not found' },
    { name: DEMO_WORKLOADS.notReady, kind: 'not_ready', says: 'Readiness probe failed' },
    { name: DEMO_WORKLOADS.stuckRollout, kind: 'stuck_rollout', says: 'ProgressDeadlineExceeded' },
    { name: DEMO_WORKLOADS.healthy, kind: 'healthy', says: 'nothing is failing' },
  ])('$name → $kind', async ({ name, kind, says }) => {
    const { d } = await diagnose(name);
    expect(d.root_cause.kind).toBe(kind);
    expect(d.root_cause.summary).toContain(says);
  });

  it('stuck rollout: names the image change and suggests rolling back to revision 1', async () => {
    const { d } = await diagnose(DEMO_WORKLOADS.stuckRollout);
    expect(d.rollout_stuck).toBe(true);
    expect(d.change?.changes[0]).toMatchObject({
      field: 'image',
      detail: 'ghcr.io/acme/billing:1.8.0 -> ghcr.io/acme/billing:1.9.0',
    });
    expect(d.next_step).toMatchObject({ tool: 'rollback_service', arguments: { to_revision: 1 } });
  });

  it('stays under 1,500 tokens in a busy namespace (300 more Deployments)', async () => {
    await h.sim.seedDeployments(DEMO_NAMESPACE, 300, { namePrefix: 'noise' });
    const { d } = await diagnose(DEMO_WORKLOADS.crashLoop);
    expect(d.root_cause.kind).toBe('crash_loop');
    expect(d.events.every((e) => !e.object.includes('noise'))).toBe(true);
  });

  it('an unknown Deployment is NOT_FOUND', async () => {
    const outcome = await callToolForTest(h.connection.client, 'diagnose_workload', {
      namespace: DEMO_NAMESPACE,
      name: 'no-such-app',
    });
    expect(outcome.error?.code).toBe('NOT_FOUND');
  });
});
