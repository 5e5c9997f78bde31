/** deploy/rbac.yaml grants every verb the adapter uses on each resource, and nothing cluster-wide but node/namespace lists. */
import { readFileSync } from 'node:fs';
import { loadAllYaml } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';

interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}
interface Doc {
  kind: string;
  rules?: Rule[];
}

const docs = loadAllYaml(readFileSync(new URL('../deploy/rbac.yaml', import.meta.url), 'utf8')) as Doc[];
const grants = (kind: string) =>
  new Set(
    docs
      .filter((d) => d.kind === kind)
      .flatMap((d) => (d.rules ?? []).flatMap((r) => r.resources.flatMap((res) => r.verbs.map((v) => `${v} ${res}`)))),
  );

describe('deploy/rbac.yaml', () => {
  it('grants the namespaced verbs the tools use', () => {
    const role = grants('Role');
    for (const needed of [
      'get deployments',
      'list deployments',
      'patch deployments',
      'create deployments',
      'update deployments',
      'get deployments/scale',
      'update deployments/scale',
      'list replicasets',
      'get pods',
      'list pods',
      'get pods/log',
      'list events',
      'patch services',
      'create services',
    ])
      expect(role, needed).toContain(needed);
    expect([...role].some((g) => g.startsWith('delete') || g.includes('secrets') || g.includes('*'))).toBe(false);
  });

  it('keeps the cluster-wide part to listing nodes and namespaces', () => {
    expect([...grants('ClusterRole')].sort()).toEqual(['list namespaces', 'list nodes']);
  });
});
