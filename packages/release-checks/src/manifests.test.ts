/** Every base and overlay renders, every object validates against the Kubernetes v1.27 API definitions, and
 * every bundle keeps the deployment rules; the k8s server's RBAC is exactly what its tools use. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { grantStrings, K8S_CLUSTER_OVERVIEW_GRANTS, K8S_ROLE_GRANTS } from '@bulkhead/mcp-k8s-server';
import { describe, expect, it } from 'vitest';
import { BASES, label, OVERLAYS, SERVER_KUSTOMIZATIONS } from './bundles.js';
import { isPinnedImage } from './dockerfile.js';
import { K8sSchema, SWAGGER_PATH } from './k8s-schema.js';
import { type K8sObject, objectId, renderKustomization } from './kustomize.js';
import { checkBundle, roleGrants } from './manifest-rules.js';
import { repoPath, SERVERS } from './workspace.js';

const schema = K8sSchema.load();
const ALL = [...SERVER_KUSTOMIZATIONS, ...OVERLAYS];
const images = (objects: K8sObject[]) =>
  objects
    .filter((o) => o.kind === 'Deployment')
    .flatMap((o) => JSON.stringify(o).match(/"image":"[^"]+"/g) ?? [])
    .map((m) => m.slice(9, -1));

describe('the API definitions fixture', () => {
  it('is the file its README names (sha256)', () => {
    const sha = createHash('sha256').update(readFileSync(SWAGGER_PATH)).digest('hex');
    const readme = readFileSync(new URL('../fixtures/k8s-openapi/README.md', import.meta.url), 'utf8');
    expect(readme).toContain(sha);
  });
});

describe('the shipped kustomizations', () => {
  it('include a base per server and at least one team overlay per server', () => {
    expect(BASES).toHaveLength(SERVERS.length);
    const deployed = new Set(
      OVERLAYS.flatMap((dir) =>
        renderKustomization(dir)
          .filter((o) => o.kind === 'Deployment')
          .map((o) => o.metadata.name),
      ),
    );
    expect([...deployed].sort()).toEqual(SERVERS.map((s) => s.dir).sort());
  });

  it.each(ALL.map((dir) => [label(dir), dir]))('%s validates against the v1.27 API definitions', (_, dir) => {
    const objects = renderKustomization(dir);
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) expect(schema.validate(object), objectId(object)).toEqual([]);
  });

  it.each([...BASES, ...OVERLAYS].map((dir) => [label(dir), dir]))('%s keeps the deployment rules', (_, dir) => {
    expect(checkBundle(renderKustomization(dir))).toEqual([]);
  });

  it.each(BASES.map((dir) => [label(dir), dir]))('%s has exactly the kinds of one deployable unit', (_, dir) => {
    const kinds = renderKustomization(dir)
      .map((o) => o.kind)
      .sort();
    expect(kinds).toEqual([
      'ConfigMap',
      'Deployment',
      'HorizontalPodAutoscaler',
      'NetworkPolicy',
      'PodDisruptionBudget',
      'Service',
      'ServiceAccount',
    ]);
  });

  it.each(OVERLAYS.map((dir) => [label(dir), dir]))('%s sets namespaces and pins every image', (_, dir) => {
    const objects = renderKustomization(dir);
    for (const object of objects.filter((o) => !o.kind.startsWith('Cluster')))
      expect(object.metadata.namespace, objectId(object)).toBeDefined();
    for (const image of images(objects)) expect(isPinnedImage(image), image).toBe(true);
  });

  it('base images carry the package version', () => {
    for (const server of SERVERS) {
      const { version } = JSON.parse(readFileSync(repoPath('packages', server.dir, 'package.json'), 'utf8')) as {
        version: string;
      };
      const base = renderKustomization(repoPath('packages', server.dir, 'deploy', 'base'));
      expect(images(base)).toEqual([`ghcr.io/bulkhead/${server.dir}:${version}`]);
    }
  });
});

describe('RBAC', () => {
  const rendered = ALL.map((dir) => ({ dir, objects: renderKustomization(dir) }));

  it('grants exactly the verbs the k8s tools use, wherever a Role is rendered', () => {
    const withRoles = rendered.filter((b) => b.objects.some((o) => o.kind === 'Role'));
    expect(withRoles.length).toBeGreaterThan(0);
    for (const bundle of withRoles)
      expect(roleGrants(bundle.objects, 'Role'), label(bundle.dir)).toEqual(grantStrings(K8S_ROLE_GRANTS));
  });

  it('keeps roles to the k8s server and cluster-wide grants to the optional overview', () => {
    for (const { dir, objects } of rendered) {
      const roles = objects.filter((o) => o.kind === 'Role' || o.kind === 'RoleBinding');
      for (const role of roles) expect(role.metadata.name, label(dir)).toBe('mcp-k8s-server');
      const clusterRoles = roleGrants(objects, 'ClusterRole');
      if (clusterRoles.length > 0) {
        expect(label(dir)).toBe('packages/mcp-k8s-server/deploy/cluster-overview');
        expect(clusterRoles).toEqual(grantStrings(K8S_CLUSTER_OVERVIEW_GRANTS));
      }
    }
    for (const dir of OVERLAYS) expect(renderKustomization(dir).some((o) => o.kind.startsWith('Cluster'))).toBe(false);
  });

  it('binds the Role in the managed namespace to the ServiceAccount in the server namespace', () => {
    const platform = renderKustomization(repoPath('deploy', 'overlays', 'platform', 'production'));
    const binding = platform.find((o) => o.kind === 'RoleBinding');
    const account = platform.find((o) => o.kind === 'ServiceAccount' && o.metadata.name === 'mcp-k8s-server');
    expect(binding?.metadata.namespace).toBe('apps');
    expect(binding?.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'mcp-k8s-server', namespace: account?.metadata.namespace },
    ]);
    const config = platform.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'mcp-k8s-server');
    expect(config?.data).toMatchObject({ K8S_ALLOWED_NAMESPACES: 'apps' });
  });
});
