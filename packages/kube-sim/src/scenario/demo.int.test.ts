import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KubeSim, DEMO_NAMESPACE as ns, startKubeSim, DEMO_WORKLOADS as w } from '../index.js';
import { clientsFor, failure, patchAs, waitFor } from '../testing/clients.js';

let sim: KubeSim;

async function podsOf(app: string): Promise<V1Pod[]> {
  const { core } = clientsFor(sim);
  return (await core.listNamespacedPod({ namespace: ns, labelSelector: `app=${app}` })).items;
}

async function eventsOf(pod: V1Pod): Promise<CoreV1Event[]> {
  const { core } = clientsFor(sim);
  return (await core.listNamespacedEvent({ namespace: ns, fieldSelector: `involvedObject.name=${pod.metadata?.name}` }))
    .items;
}

beforeAll(async () => {
  sim = await startKubeSim({ scenario: 'demo', tickMs: 20 });
});
afterAll(async () => {
  await sim.close();
});

describe('demo scenario failure shapes', () => {
  it('has three ready nodes and every demo workload', async () => {
    const { apps, core } = clientsFor(sim);
    const nodes = await core.listNode();
    expect(nodes.items).toHaveLength(3);
    expect(nodes.items.every((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))).toBe(
      true,
    );
    const names = (await apps.listNamespacedDeployment({ namespace: ns })).items.map((d) => d.metadata?.name);
    expect(names.sort()).toEqual(Object.values(w).sort());
    const svc = await core.readNamespacedService({ name: w.healthy, namespace: ns });
    expect(svc.spec?.clusterIP).toMatch(/^10\.96\./);
  });

  it('web-healthy is available with all replicas ready', async () => {
    const { apps } = clientsFor(sim);
    const d = await apps.readNamespacedDeployment({ name: w.healthy, namespace: ns });
    expect(d.status?.readyReplicas).toBe(3);
    expect(d.status?.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
  });

  it('api-crashloop: revision 2 dropped DATABASE_URL and crash-loops with previous logs explaining why', async () => {
    const { apps, core } = clientsFor(sim);
    const d = await apps.readNamespacedDeployment({ name: w.crashLoop, namespace: ns });
    expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    const rs = (await apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: `app=${w.crashLoop}` })).items;
    const byRev = new Map(rs.map((r) => [r.metadata?.annotations?.['deployment.kubernetes.io/revision'], r]));
    const env1 = byRev.get('1')?.spec?.template?.spec?.containers[0]?.env?.map((e) => e.name);
    const env2 = byRev.get('2')?.spec?.template?.spec?.containers[0]?.env?.map((e) => e.name);
    expect(env1).toContain('DATABASE_URL');
    expect(env2).not.toContain('DATABASE_URL');
    expect(byRev.get('1')?.spec?.template?.spec?.containers[0]?.image).toBe('ghcr.io/acme/app:1.4.2');
    const crashing = (await podsOf(w.crashLoop)).find(
      (p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff',
    );
    expect(crashing).toBeDefined();
    if (crashing === undefined) return;
    const cs = crashing.status?.containerStatuses?.[0];
    expect(cs?.restartCount).toBeGreaterThan(0);
    expect(cs?.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    const logs = await core.readNamespacedPodLog({
      name: crashing.metadata?.name ?? '',
      namespace: ns,
      previous: true,
      tailLines: 2,
    });
    const lines = logs.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('Error: missing required environment variable DATABASE_URL');
    const events = await eventsOf(crashing);
    expect(events.find((e) => e.reason === 'BackOff')?.message).toContain('Back-off restarting failed container');
    const restarts = cs?.restartCount ?? 0;
    await new Promise((r) => setTimeout(r, 150));
    const later = (await core.readNamespacedPod({ name: crashing.metadata?.name ?? '', namespace: ns })).status
      ?.containerStatuses?.[0];
    expect(later?.restartCount ?? 0).toBeGreaterThanOrEqual(restarts);
  });

  it('worker-oom: OOMKilled with exit code 137', async () => {
    const [pod] = await podsOf(w.oom);
    const cs = pod?.status?.containerStatuses?.[0];
    expect(cs?.lastState?.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
    expect(cs?.state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(pod?.spec?.containers[0]?.resources?.limits?.memory).toBe('32Mi');
  });

  it('cache-badimage: ImagePullBackOff with a Failed event, and logs refuse politely', async () => {
    const { core } = clientsFor(sim);
    const [pod] = await podsOf(w.imagePull);
    expect(pod?.status?.phase).toBe('Pending');
    expect(['ImagePullBackOff', 'ErrImagePull']).toContain(pod?.status?.containerStatuses?.[0]?.state?.waiting?.reason);
    const events = pod === undefined ? [] : await eventsOf(pod);
    expect(events.some((e) => e.reason === 'Failed' && e.message?.startsWith('Failed to pull image'))).toBe(true);
    const err = await failure(core.readNamespacedPodLog({ name: pod?.metadata?.name ?? '', namespace: ns }));
    expect(err.code).toBe(400);
    expect(err.status.message).toContain('is waiting to start: trying and failing to pull image');
  });

  it('batch-unschedulable: Pending with a scheduler event that has a null lastTimestamp and an eventTime', async () => {
    const [pod] = await podsOf(w.unschedulable);
    expect(pod?.status?.phase).toBe('Pending');
    expect(pod?.status?.conditions?.[0]).toMatchObject({
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
    });
    const ev = (pod === undefined ? [] : await eventsOf(pod)).find((e) => e.reason === 'FailedScheduling');
    expect(ev?.message).toContain('0/3 nodes are available: 3 Insufficient cpu.');
    expect(ev?.lastTimestamp ?? null).toBeNull();
    expect(ev?.eventTime).toBeTruthy();
    expect(ev?.reportingComponent).toBe('default-scheduler');
  });

  it('auth-configerror: CreateContainerConfigError naming the missing secret', async () => {
    const [pod] = await podsOf(w.configError);
    expect(pod?.status?.containerStatuses?.[0]?.state?.waiting).toMatchObject({
      reason: 'CreateContainerConfigError',
      message: 'secret "auth-jwt" not found',
    });
  });

  it('search-notready: running but not ready, Readiness probe events', async () => {
    const pods = await podsOf(w.notReady);
    expect(pods.every((p) => p.status?.phase === 'Running' && p.status.containerStatuses?.[0]?.ready === false)).toBe(
      true,
    );
    const events = pods[0] === undefined ? [] : await eventsOf(pods[0]);
    expect(events.some((e) => e.reason === 'Unhealthy' && e.message?.startsWith('Readiness probe failed'))).toBe(true);
  });

  it('billing-stuck: revision 2 exceeded its progress deadline while revision 1 keeps serving', async () => {
    const { apps } = clientsFor(sim);
    const d = await apps.readNamespacedDeployment({ name: w.stuckRollout, namespace: ns });
    expect(d.status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
    });
    expect(d.status?.conditions?.find((c) => c.type === 'Available')?.status).toBe('True');
    expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
  });

  it('keeps noise events in other objects of the namespace', async () => {
    const { core } = clientsFor(sim);
    const all = await core.listNamespacedEvent({ namespace: ns });
    expect(all.items.some((e) => e.involvedObject.kind === 'CronJob')).toBe(true);
    expect(all.items.length).toBeGreaterThan(40);
  });
});

describe('rollouts', () => {
  it('rolls a new image out to Available, then rolls back like kubectl rollout undo', async () => {
    const { apps } = clientsFor(sim);
    await apps.patchNamespacedDeployment(
      {
        name: w.healthy,
        namespace: ns,
        body: { spec: { template: { spec: { containers: [{ name: 'web', image: 'ghcr.io/acme/web:2.4.0' }] } } } },
      },
      patchAs('StrategicMergePatch'),
    );
    const rolled = await waitFor(async () => {
      const d = await apps.readNamespacedDeployment({ name: w.healthy, namespace: ns });
      const p = d.status?.conditions?.find((c) => c.type === 'Progressing');
      const current =
        d.status?.observedGeneration === d.metadata?.generation &&
        d.metadata?.annotations?.['deployment.kubernetes.io/revision'] === '2';
      return current &&
        p?.reason === 'NewReplicaSetAvailable' &&
        d.status?.updatedReplicas === 3 &&
        d.status.replicas === 3
        ? d
        : undefined;
    });
    expect(rolled.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    const rs = (await apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: `app=${w.healthy}` })).items;
    const rev1 = rs.find((r) => r.metadata?.annotations?.['deployment.kubernetes.io/revision'] === '1');
    expect(rev1?.spec?.replicas).toBe(0);
    const template = structuredClone(rev1?.spec?.template);
    delete template?.metadata?.labels?.['pod-template-hash'];
    await apps.patchNamespacedDeployment({
      name: w.healthy,
      namespace: ns,
      body: [{ op: 'replace', path: '/spec/template', value: template }],
    });
    const back = await waitFor(async () => {
      const d = await apps.readNamespacedDeployment({ name: w.healthy, namespace: ns });
      return d.status?.conditions?.find((c) => c.type === 'Progressing')?.reason === 'NewReplicaSetAvailable' &&
        d.status?.updatedReplicas === 3 &&
        d.status.replicas === 3 &&
        d.metadata?.annotations?.['deployment.kubernetes.io/revision'] === '3'
        ? d
        : undefined;
    });
    expect(back.spec?.template.spec?.containers[0]?.image).toBe('ghcr.io/acme/web:2.3.1');
    const after = (await apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: `app=${w.healthy}` })).items;
    expect(after).toHaveLength(2);
    expect(
      after.find((r) => r.metadata?.name === rev1?.metadata?.name)?.metadata?.annotations?.[
        'deployment.kubernetes.io/revision'
      ],
    ).toBe('3');
  });
});
