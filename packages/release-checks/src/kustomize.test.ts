/** The Kustomize subset renderer: namespace, images and JSON 6902 patches as kustomize applies them; anything
 * outside the subset is refused; and, where kubectl is installed, the same output as `kubectl kustomize`. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { label, OVERLAYS, SERVER_KUSTOMIZATIONS } from './bundles.js';
import { type K8sObject, KustomizeError, objectId, parseImage, renderKustomization } from './kustomize.js';

function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kustomize-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const KUSTOMIZATION = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n';
const BASE = {
  'base/kustomization.yaml': `${KUSTOMIZATION}resources:\n  - app.yaml\n`,
  'base/app.yaml': [
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:',
    '        - name: app\n          image: ghcr.io/x/app:1.0.0',
    '---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader',
    '---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\nsubjects:',
    '  - kind: ServiceAccount\n    name: default\n    namespace: old\n  - kind: ServiceAccount\n    name: app\n    namespace: old\n',
  ].join('\n'),
};

describe('renderKustomization', () => {
  it('sets the namespace on namespaced objects and on "default" subjects only, like kustomize', () => {
    const dir = fixture({ ...BASE, 'kustomization.yaml': `${KUSTOMIZATION}namespace: team\nresources:\n  - base\n` });
    const objects = renderKustomization(dir);
    expect(objects.map(objectId)).toEqual([
      'apps/v1/Deployment/team/app',
      'rbac.authorization.k8s.io/v1/ClusterRole//reader',
      'rbac.authorization.k8s.io/v1/RoleBinding/team/b',
    ]);
    expect(objects[2]?.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'default', namespace: 'team' },
      { kind: 'ServiceAccount', name: 'app', namespace: 'old' },
    ]);
  });

  it('rewrites images by tag or digest and applies JSON 6902 patches to the target', () => {
    const digest = `sha256:${'b'.repeat(64)}`;
    const dir = fixture({
      ...BASE,
      'kustomization.yaml': `${KUSTOMIZATION}resources:\n  - base\nimages:\n  - name: ghcr.io/x/app\n    digest: ${digest}\npatches:\n  - target:\n      kind: Deployment\n      name: app\n    patch: |-\n      - op: add\n        path: /spec/replicas\n        value: 3\n`,
    });
    const [deployment] = renderKustomization(dir) as [K8sObject];
    expect(deployment.spec).toMatchObject({
      replicas: 3,
      template: { spec: { containers: [{ image: `ghcr.io/x/app@${digest}` }] } },
    });
    expect(parseImage('localhost:5000/a/b:1.2.3@sha256:c')).toEqual({
      name: 'localhost:5000/a/b',
      tag: '1.2.3',
      digest: 'sha256:c',
    });
  });

  it('refuses fields outside the subset, patches that match nothing and duplicate objects', () => {
    const unknown = fixture({
      ...BASE,
      'kustomization.yaml': `${KUSTOMIZATION}resources:\n  - base\ncommonLabels:\n  a: b\n`,
    });
    expect(() => renderKustomization(unknown)).toThrow(KustomizeError);
    const miss = fixture({
      ...BASE,
      'kustomization.yaml': `${KUSTOMIZATION}resources:\n  - base\npatches:\n  - target:\n      kind: Deployment\n      name: nope\n    patch: |-\n      - op: remove\n        path: /spec\n`,
    });
    expect(() => renderKustomization(miss)).toThrow(/matches nothing/);
    const twice = fixture({
      ...BASE,
      'kustomization.yaml': `${KUSTOMIZATION}resources:\n  - base\n  - base/app.yaml\n`,
    });
    expect(() => renderKustomization(twice)).toThrow(/defined twice/);
  });
});

const kubectl = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!kubectl)('parity with kubectl kustomize (skipped where kubectl is not installed)', () => {
  const sorted = (objects: unknown[]) =>
    (objects as K8sObject[]).slice().sort((a, b) => objectId(a).localeCompare(objectId(b)));
  it.each([...SERVER_KUSTOMIZATIONS, ...OVERLAYS].map((dir) => [label(dir), dir]))('%s renders the same', (_, dir) => {
    const theirs = loadAll(execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' }));
    expect(sorted(renderKustomization(dir))).toEqual(sorted(theirs));
  });
});
