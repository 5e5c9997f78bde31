/** deploy/rbac grants exactly the verbs the tools use (K8S_ROLE_GRANTS); cluster-wide only node/namespace lists. */
import { readFileSync } from 'node:fs';
import { loadAllYaml } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { grantStrings, K8S_CLUSTER_OVERVIEW_GRANTS, K8S_ROLE_GRANTS } from './rbac-grants.js';

interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}
interface Doc {
  kind: string;
  rules?: Rule[];
}

const load = (path: string) => loadAllYaml(readFileSync(new URL(path, import.meta.url), 'utf8')) as Doc[];
const grants = (docs: Doc[], kind: string) =>
  docs
    .filter((d) => d.kind === kind)
    .flatMap((d) =>
      (d.rules ?? []).flatMap((r) =>
        r.apiGroups.flatMap((g) => r.resources.flatMap((res) => r.verbs.map((v) => `${v} ${g}/${res}`))),
      ),
    )
    .sort();

describe('deploy/rbac', () => {
  it('grants exactly the namespaced verbs the tools use', () => {
    expect(grants(load('../deploy/rbac/rbac.yaml'), 'Role')).toEqual(grantStrings(K8S_ROLE_GRANTS));
  });

  it('never grants delete, secrets or wildcards', () => {
    const role = grantStrings(K8S_ROLE_GRANTS);
    expect(role.some((g) => g.startsWith('delete') || g.includes('secrets') || g.includes('*'))).toBe(false);
  });

  it('keeps the optional cluster-wide part to listing nodes and namespaces', () => {
    expect(grants(load('../deploy/cluster-overview/cluster-role.yaml'), 'ClusterRole')).toEqual(
      grantStrings(K8S_CLUSTER_OVERVIEW_GRANTS),
    );
    expect(grantStrings(K8S_CLUSTER_OVERVIEW_GRANTS)).toEqual(['list /namespaces', 'list /nodes']);
  });
});
