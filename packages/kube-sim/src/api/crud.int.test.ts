import type { V1Deployment } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KubeSim, startKubeSim } from '../index.js';
import { clientsFor, failure, raw } from '../testing/clients.js';

let sim: KubeSim;

function deployment(name: string, image = 'ghcr.io/acme/app:1.0.0'): V1Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name, tier: 'web' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } },
    },
  };
}

beforeAll(async () => {
  sim = await startKubeSim({ tickMs: 20 });
});
afterAll(async () => {
  await sim.close();
});

describe('CRUD with client-node', () => {
  it('serves discovery and the version', async () => {
    const { kc } = clientsFor(sim);
    const { VersionApi } = await import('@kubernetes/client-node');
    const v = await kc.makeApiClient(VersionApi).getCode();
    expect(v.major).toBe('1');
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('creates, reads, lists, replaces and deletes a Deployment', async () => {
    const { apps } = clientsFor(sim);
    const created = await apps.createNamespacedDeployment({ namespace: 'default', body: deployment('crud') });
    expect(created.metadata?.uid).toBeTruthy();
    expect(created.metadata?.generation).toBe(1);
    expect(created.metadata?.managedFields?.length).toBeGreaterThan(0);
    await sim.settle();
    const read = await apps.readNamespacedDeployment({ name: 'crud', namespace: 'default' });
    expect(read.spec?.template.spec?.containers[0]?.image).toBe('ghcr.io/acme/app:1.0.0');
    const list = await apps.listNamespacedDeployment({ namespace: 'default' });
    expect(list.items.map((d) => d.metadata?.name)).toContain('crud');
    const container = read.spec?.template.spec?.containers[0];
    if (container !== undefined) container.image = 'ghcr.io/acme/app:1.1.0';
    const replaced = await apps.replaceNamespacedDeployment({ name: 'crud', namespace: 'default', body: read });
    expect(replaced.metadata?.generation).toBe(2);
    expect(Number(replaced.metadata?.resourceVersion)).toBeGreaterThan(Number(read.metadata?.resourceVersion));
    await apps.deleteNamespacedDeployment({ name: 'crud', namespace: 'default' });
    const gone = await failure(apps.readNamespacedDeployment({ name: 'crud', namespace: 'default' }));
    expect(gone.code).toBe(404);
    expect(gone.status).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'NotFound',
      code: 404,
      message: 'deployments.apps "crud" not found',
    });
    expect(gone.status.details).toMatchObject({ name: 'crud', group: 'apps', kind: 'deployments' });
  });

  it('answers 409 Conflict on a stale resourceVersion', async () => {
    const { apps } = clientsFor(sim);
    await apps.createNamespacedDeployment({ namespace: 'default', body: deployment('occ') });
    await sim.settle();
    const d = await apps.readNamespacedDeployment({ name: 'occ', namespace: 'default' });
    const fresh = structuredClone(d);
    if (fresh.spec !== undefined) fresh.spec.replicas = 2;
    await apps.replaceNamespacedDeployment({ name: 'occ', namespace: 'default', body: fresh });
    if (d.spec !== undefined) d.spec.replicas = 3;
    const err = await failure(apps.replaceNamespacedDeployment({ name: 'occ', namespace: 'default', body: d }));
    expect(err.code).toBe(409);
    expect(err.status.reason).toBe('Conflict');
    expect(err.status.message).toContain('the object has been modified');
  });

  it('answers 409 AlreadyExists and 404 for a missing namespace', async () => {
    const { apps } = clientsFor(sim);
    await apps.createNamespacedDeployment({ namespace: 'default', body: deployment('dup') });
    const dup = await failure(apps.createNamespacedDeployment({ namespace: 'default', body: deployment('dup') }));
    expect(dup.status.reason).toBe('AlreadyExists');
    const nons = await failure(apps.createNamespacedDeployment({ namespace: 'nope', body: deployment('x') }));
    expect(nons.code).toBe(404);
    expect(nons.status.message).toBe('namespaces "nope" not found');
  });

  it('validates against the OpenAPI schema: 422 for missing required fields, 400 for types and unknown fields', async () => {
    const { apps } = clientsFor(sim);
    const missing = deployment('bad-missing');
    const c = missing.spec?.template.spec?.containers[0];
    if (c !== undefined) c.image = '';
    const e1 = await failure(apps.createNamespacedDeployment({ namespace: 'default', body: missing }));
    expect(e1.code).toBe(422);
    expect(e1.status.reason).toBe('Invalid');
    expect(e1.status.details?.causes?.[0]?.field).toBe('spec.template.spec.containers[0].image');
    const mismatch = deployment('bad-selector');
    if (mismatch.spec !== undefined) mismatch.spec.selector = { matchLabels: { app: 'other' } };
    const e2 = await failure(apps.createNamespacedDeployment({ namespace: 'default', body: mismatch }));
    expect(e2.code).toBe(422);
    expect(e2.status.message).toContain('`selector` does not match template `labels`');
    const res = await raw(sim, 'POST', '/apis/apps/v1/namespaces/default/deployments', {
      body: { ...deployment('bad-unknown'), spec: { ...deployment('bad-unknown').spec, replicaz: 3 } },
    });
    expect(res.status).toBe(400);
    expect(res.json<{ message: string }>().message).toBe('strict decoding error: unknown field "spec.replicaz"');
    const typed = await raw(sim, 'POST', '/apis/apps/v1/namespaces/default/deployments', {
      body: { ...deployment('bad-type'), spec: { ...deployment('bad-type').spec, replicas: 'three' } },
    });
    expect(typed.status).toBe(400);
    expect(typed.json<{ message: string }>().message).toContain('spec.replicas');
  });

  it('gives the read-only identity 403 on writes naming verb and resource, and reads', async () => {
    const { apps } = clientsFor(sim, sim.readOnlyToken);
    const list = await apps.listNamespacedDeployment({ namespace: 'default' });
    expect(Array.isArray(list.items)).toBe(true);
    const denied = await failure(apps.createNamespacedDeployment({ namespace: 'default', body: deployment('ro') }));
    expect(denied.code).toBe(403);
    expect(denied.status.reason).toBe('Forbidden');
    expect(denied.status.message).toBe(
      'deployments.apps is forbidden: User "system:serviceaccount:kube-sim:read-only" cannot create resource "deployments" in API group "apps" in the namespace "default"',
    );
    const scale = await failure(
      apps.replaceNamespacedDeploymentScale({ name: 'dup', namespace: 'default', body: { spec: { replicas: 2 } } }),
    );
    expect(scale.status.message).toContain('cannot update resource "deployments/scale"');
  });

  it('rejects unknown tokens with 401', async () => {
    const res = await raw(sim, 'GET', '/api/v1/namespaces', { token: 'wrong' });
    expect(res.status).toBe(401);
    expect(res.json()).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
  });

  it('injects 429 with Retry-After, then recovers', async () => {
    const { apps } = clientsFor(sim);
    sim.injectFaults({ status: 429, count: 2, method: 'GET', pathIncludes: '/deployments', retryAfterSeconds: 3 });
    const first = await failure(apps.listNamespacedDeployment({ namespace: 'default' }));
    expect(first.code).toBe(429);
    expect(first.headers['retry-after']).toBe('3');
    expect(first.status).toMatchObject({ reason: 'TooManyRequests', details: { retryAfterSeconds: 3 } });
    await failure(apps.listNamespacedDeployment({ namespace: 'default' }));
    const ok = await apps.listNamespacedDeployment({ namespace: 'default' });
    expect(ok.items.length).toBeGreaterThan(0);
    sim.injectFaults({ status: 500, count: 1 });
    expect((await failure(apps.listNamespacedDeployment({ namespace: 'default' }))).status.reason).toBe(
      'InternalError',
    );
  });
});
