import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KubeSim, startKubeSim } from '../index.js';
import { clientsFor, failure, raw } from '../testing/clients.js';

let sim: KubeSim;

beforeAll(async () => {
  sim = await startKubeSim({ tickMs: 20 });
  await sim.seedDeployments('bulk', 500, { namePrefix: 'svc' });
});
afterAll(async () => {
  await sim.close();
});

describe('list paging and selectors', () => {
  it('pages 500 Deployments with limit/continue, every one exactly once', async () => {
    const { apps } = clientsFor(sim);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await apps.listNamespacedDeployment({
        namespace: 'bulk',
        limit: 37,
        ...(token === undefined ? {} : { _continue: token }),
      });
      for (const d of page.items) seen.push(d.metadata?.name ?? '');
      token = page.metadata?._continue;
      pages += 1;
    } while (token !== undefined && token !== '');
    expect(pages).toBe(Math.ceil(500 / 37));
    expect(seen).toHaveLength(500);
    expect(new Set(seen).size).toBe(500);
  });

  it('reports remainingItemCount and answers 410 Expired for an expired or invalid token', async () => {
    const { apps } = clientsFor(sim);
    const first = await apps.listNamespacedDeployment({ namespace: 'bulk', limit: 10 });
    expect(first.metadata?.remainingItemCount).toBe(490);
    const bogus = await failure(
      apps.listNamespacedDeployment({ namespace: 'bulk', limit: 10, _continue: 'not-a-token' }),
    );
    expect(bogus.code).toBe(410);
    sim.compact();
    const expired = await failure(
      apps.listNamespacedDeployment({ namespace: 'bulk', limit: 10, _continue: first.metadata?._continue ?? '' }),
    );
    expect(expired.code).toBe(410);
    expect(expired.status.reason).toBe('Expired');
  });

  it('filters with label selectors (=, !=, in, notin, exists)', async () => {
    const { apps, core } = clientsFor(sim);
    const names = async (labelSelector: string): Promise<number> =>
      (await apps.listNamespacedDeployment({ namespace: 'bulk', labelSelector })).items.length;
    expect(await names('app=svc-007')).toBe(1);
    expect(await names('app!=svc-007')).toBe(499);
    expect(await names('app in (svc-001, svc-002, nope)')).toBe(2);
    expect(await names('app notin (svc-001,svc-002)')).toBe(498);
    expect(await names('app')).toBe(500);
    expect(await names('!app')).toBe(0);
    expect(await names('app,app.kubernetes.io/part-of=demo')).toBe(500);
    const bad = await failure(core.listNamespacedPod({ namespace: 'bulk', labelSelector: 'a in b' }));
    expect(bad.code).toBe(400);
  });

  it('filters with field selectors (metadata.name, status.phase, involvedObject.*)', async () => {
    const { apps, core } = clientsFor(sim);
    const one = await apps.listNamespacedDeployment({ namespace: 'bulk', fieldSelector: 'metadata.name=svc-042' });
    expect(one.items.map((d) => d.metadata?.name)).toEqual(['svc-042']);
    const all = await apps.listDeploymentForAllNamespaces({ fieldSelector: 'metadata.namespace=bulk' });
    expect(all.items).toHaveLength(500);
    await sim.settle();
    const running = await core.listNamespacedPod({ namespace: 'bulk', fieldSelector: 'status.phase=Running' });
    expect(running.items).toHaveLength(500);
    const pod = running.items[0];
    const events = await core.listNamespacedEvent({
      namespace: 'bulk',
      fieldSelector: `involvedObject.name=${pod?.metadata?.name},involvedObject.kind=Pod,involvedObject.uid=${pod?.metadata?.uid}`,
    });
    expect(events.items.length).toBeGreaterThan(0);
    expect(events.items.every((e) => e.involvedObject.name === pod?.metadata?.name)).toBe(true);
    const unsupported = await failure(core.listNamespacedPod({ namespace: 'bulk', fieldSelector: 'spec.bogus=1' }));
    expect(unsupported.status.message).toBe('field label not supported: spec.bogus');
  });

  it('streams watch events for Deployments as chunked JSON lines', async () => {
    const { Watch } = await import('@kubernetes/client-node');
    const { kc, apps } = clientsFor(sim);
    const seen: string[] = [];
    const watch = new Watch(kc);
    const list = await apps.listNamespacedDeployment({ namespace: 'bulk', limit: 1 });
    const done = new Promise<void>((resolve) => {
      void watch
        .watch(
          '/apis/apps/v1/namespaces/bulk/deployments',
          { resourceVersion: list.metadata?.resourceVersion ?? '', fieldSelector: 'metadata.name=svc-001' },
          (type, obj: { metadata?: { name?: string } }) => {
            seen.push(`${type}:${obj.metadata?.name}`);
            if (type === 'DELETED') resolve();
          },
          () => resolve(),
        )
        .then((ctl) => {
          setTimeout(() => {
            void apps
              .patchNamespacedDeployment({
                name: 'svc-001',
                namespace: 'bulk',
                body: [{ op: 'replace', path: '/spec/replicas', value: 2 }],
              })
              .then(() => apps.deleteNamespacedDeployment({ name: 'svc-001', namespace: 'bulk' }));
          }, 50);
          setTimeout(() => ctl.abort(), 5000);
        });
    });
    await done;
    expect(seen).toContain('MODIFIED:svc-001');
    expect(seen[seen.length - 1]).toBe('DELETED:svc-001');
    expect(seen.every((s) => s.endsWith(':svc-001'))).toBe(true);
  });

  it('sends a 410 ERROR event when a watch starts from a compacted resourceVersion', async () => {
    sim.compact();
    const res = await raw(sim, 'GET', '/api/v1/namespaces/bulk/pods?watch=true&resourceVersion=5&timeoutSeconds=1');
    const event = JSON.parse(res.text.trim().split('\n')[0] ?? '{}') as {
      type: string;
      object: { code: number; reason: string };
    };
    expect(event.type).toBe('ERROR');
    expect(event.object).toMatchObject({ code: 410, reason: 'Expired' });
  });
});
