import type { V1Deployment } from '@kubernetes/client-node';
import { dump } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KubeSim, startKubeSim } from '../index.js';
import { clientsFor, failure, patchAs, raw } from '../testing/clients.js';

let sim: KubeSim;
const ns = 'default';

function manifest(name: string, env: { name: string; value: string }[] = []): V1Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            { name: 'app', image: 'ghcr.io/acme/app:1.0.0', env },
            { name: 'sidecar', image: 'ghcr.io/acme/proxy:1.0.0' },
          ],
        },
      },
    },
  };
}

beforeAll(async () => {
  sim = await startKubeSim({ tickMs: 20 });
});
afterAll(async () => {
  await sim.close();
});

describe('patch types, apply, dry run and scale', () => {
  it('merge patch replaces lists and merges maps', async () => {
    const { apps } = clientsFor(sim);
    await apps.createNamespacedDeployment({ namespace: ns, body: manifest('mp') });
    const out = await apps.patchNamespacedDeployment(
      { name: 'mp', namespace: ns, body: { metadata: { labels: { team: 'core' } }, spec: { replicas: 2 } } },
      patchAs('MergePatch'),
    );
    expect(out.spec?.replicas).toBe(2);
    expect(out.metadata?.labels).toEqual({ app: 'mp', team: 'core' });
  });

  it('strategic merge patch merges containers and env by name', async () => {
    const { apps } = clientsFor(sim);
    await apps.createNamespacedDeployment({
      namespace: ns,
      body: manifest('smp', [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
      ]),
    });
    const out = await apps.patchNamespacedDeployment(
      {
        name: 'smp',
        namespace: ns,
        body: {
          spec: {
            template: {
              spec: {
                containers: [
                  {
                    name: 'app',
                    image: 'ghcr.io/acme/app:2.0.0',
                    env: [
                      { name: 'B', value: '3' },
                      { name: 'C', value: '4' },
                    ],
                  },
                ],
              },
            },
          },
        },
      },
      patchAs('StrategicMergePatch'),
    );
    const containers = out.spec?.template.spec?.containers ?? [];
    expect(containers.map((c) => c.name)).toEqual(['app', 'sidecar']);
    expect(containers[0]?.image).toBe('ghcr.io/acme/app:2.0.0');
    expect(containers[0]?.env).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '3' },
      { name: 'C', value: '4' },
    ]);
    const removed = await apps.patchNamespacedDeployment(
      {
        name: 'smp',
        namespace: ns,
        body: { spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } } } },
      },
      patchAs('StrategicMergePatch'),
    );
    expect(removed.spec?.template.spec?.containers.map((c) => c.name)).toEqual(['app']);
  });

  it('JSON patch (the client default) applies operations and 422s a failed test op', async () => {
    const { apps } = clientsFor(sim);
    await apps.createNamespacedDeployment({ namespace: ns, body: manifest('jp') });
    const out = await apps.patchNamespacedDeployment({
      name: 'jp',
      namespace: ns,
      body: [
        { op: 'replace', path: '/spec/replicas', value: 3 },
        { op: 'add', path: '/metadata/annotations', value: { note: 'x' } },
      ],
    });
    expect(out.spec?.replicas).toBe(3);
    expect(out.metadata?.annotations?.note).toBe('x');
    const bad = await failure(
      apps.patchNamespacedDeployment({
        name: 'jp',
        namespace: ns,
        body: [{ op: 'test', path: '/spec/replicas', value: 9 }],
      }),
    );
    expect(bad.code).toBe(422);
  });

  it('server-side apply creates, tracks managedFields, removes dropped fields, and conflicts without force', async () => {
    const { apps } = clientsFor(sim);
    const body = manifest('ssa', [
      { name: 'DATABASE_URL', value: 'postgres://x' },
      { name: 'LOG', value: 'info' },
    ]);
    const created = await apps.patchNamespacedDeployment(
      { name: 'ssa', namespace: ns, body, fieldManager: 'bulkhead', force: true },
      patchAs('ServerSideApply'),
    );
    expect(created.metadata?.managedFields?.[0]).toMatchObject({ manager: 'bulkhead', operation: 'Apply' });
    const fields = JSON.stringify(created.metadata?.managedFields?.[0]?.fieldsV1);
    expect(fields).toContain('k:{\\"name\\":\\"app\\"}');
    const without = manifest('ssa', [{ name: 'LOG', value: 'info' }]);
    const reapplied = await apps.patchNamespacedDeployment(
      { name: 'ssa', namespace: ns, body: without, fieldManager: 'bulkhead' },
      patchAs('ServerSideApply'),
    );
    expect(reapplied.spec?.template.spec?.containers[0]?.env).toEqual([{ name: 'LOG', value: 'info' }]);
    await apps.patchNamespacedDeployment(
      { name: 'ssa', namespace: ns, body: { spec: { replicas: 4 } }, fieldManager: 'hpa' },
      patchAs('MergePatch'),
    );
    const conflict = await failure(
      apps.patchNamespacedDeployment(
        { name: 'ssa', namespace: ns, body: without, fieldManager: 'bulkhead' },
        patchAs('ServerSideApply'),
      ),
    );
    expect(conflict.code).toBe(409);
    expect(conflict.status.message).toContain('conflict with "hpa"');
    expect(conflict.status.details?.causes?.[0]?.field).toBe('.spec.replicas');
    const forced = await apps.patchNamespacedDeployment(
      { name: 'ssa', namespace: ns, body: without, fieldManager: 'bulkhead', force: true },
      patchAs('ServerSideApply'),
    );
    expect(forced.spec?.replicas).toBe(1);
  });

  it('accepts YAML apply bodies and rejects unknown fields in them', async () => {
    const yaml = dump({ ...manifest('yaml-apply'), spec: { ...manifest('yaml-apply').spec, bogus: true } });
    const res = await raw(sim, 'PATCH', `/apis/apps/v1/namespaces/${ns}/deployments/yaml-apply?fieldManager=t`, {
      body: yaml,
      contentType: 'application/apply-patch+yaml',
    });
    expect(res.status).toBe(400);
    expect(res.json<{ message: string }>().message).toContain('unknown field "spec.bogus"');
  });

  it('dryRun=All validates and returns the object but persists nothing (create, apply, patch)', async () => {
    const { apps } = clientsFor(sim);
    const dry = await apps.createNamespacedDeployment({ namespace: ns, body: manifest('dry'), dryRun: 'All' });
    expect(dry.metadata?.name).toBe('dry');
    expect((await failure(apps.readNamespacedDeployment({ name: 'dry', namespace: ns }))).code).toBe(404);
    const applied = await apps.patchNamespacedDeployment(
      { name: 'dry', namespace: ns, body: manifest('dry'), fieldManager: 'bulkhead', dryRun: 'All' },
      patchAs('ServerSideApply'),
    );
    expect(applied.spec?.replicas).toBe(1);
    expect((await failure(apps.readNamespacedDeployment({ name: 'dry', namespace: ns }))).code).toBe(404);
    await apps.createNamespacedDeployment({ namespace: ns, body: manifest('dry2') });
    const before = await apps.readNamespacedDeployment({ name: 'dry2', namespace: ns });
    const patched = await apps.patchNamespacedDeployment(
      { name: 'dry2', namespace: ns, body: { spec: { replicas: 7 } }, dryRun: 'All' },
      patchAs('MergePatch'),
    );
    expect(patched.spec?.replicas).toBe(7);
    const after = await apps.readNamespacedDeployment({ name: 'dry2', namespace: ns });
    expect(after.spec?.replicas).toBe(before.spec?.replicas);
    const invalid = await failure(
      apps.createNamespacedDeployment({ namespace: ns, body: { ...manifest('Bad_Name') }, dryRun: 'All' }),
    );
    expect(invalid.code).toBe(422);
  });

  it('reads and patches the scale subresource', async () => {
    const { apps } = clientsFor(sim);
    await apps.createNamespacedDeployment({ namespace: ns, body: manifest('scaled') });
    const scale = await apps.readNamespacedDeploymentScale({ name: 'scaled', namespace: ns });
    expect(scale.spec?.replicas).toBe(1);
    expect(scale.status?.selector).toBe('app=scaled');
    const out = await apps.patchNamespacedDeploymentScale(
      { name: 'scaled', namespace: ns, body: { spec: { replicas: 3 } } },
      patchAs('MergePatch'),
    );
    expect(out.spec?.replicas).toBe(3);
    await sim.settle();
    const d = await apps.readNamespacedDeployment({ name: 'scaled', namespace: ns });
    expect(d.spec?.replicas).toBe(3);
    expect(d.status?.readyReplicas).toBe(3);
    const neg = await failure(
      apps.replaceNamespacedDeploymentScale({ name: 'scaled', namespace: ns, body: { spec: { replicas: -1 } } }),
    );
    expect(neg.code).toBe(422);
  });
});
