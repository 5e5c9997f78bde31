/** The Kubernetes API verbs the k8s tools use: the single source of truth for the RBAC manifests and their tests. */

/** One RBAC grant: an API group, a resource (or subresource) and the verbs on it. */
export interface RbacGrant {
  readonly apiGroup: string;
  readonly resource: string;
  readonly verbs: readonly string[];
}

/** Namespaced grants the tools need in every namespace the server manages (a Role bound there). */
export const K8S_ROLE_GRANTS: readonly RbacGrant[] = [
  // list_workloads, diagnose_workload, get_job_status read; deploy_service applies (patch; create when new);
  // restart_service patches the template annotation; rollback_service replaces the template (update).
  { apiGroup: 'apps', resource: 'deployments', verbs: ['get', 'list', 'create', 'patch', 'update'] },
  // scale_service reads and writes the scale subresource with optimistic concurrency.
  { apiGroup: 'apps', resource: 'deployments/scale', verbs: ['get', 'update'] },
  // diagnose_workload and rollback_service read a Deployment's revisions.
  { apiGroup: 'apps', resource: 'replicasets', verbs: ['list'] },
  // diagnose_workload and get_logs read pods and container logs.
  { apiGroup: '', resource: 'pods', verbs: ['get', 'list'] },
  { apiGroup: '', resource: 'pods/log', verbs: ['get'] },
  // Events of one object at a time, and warnings for cluster_overview.
  { apiGroup: '', resource: 'events', verbs: ['list'] },
  // deploy_service with service: true applies a ClusterIP Service (patch; create when new).
  { apiGroup: '', resource: 'services', verbs: ['create', 'patch'] },
];

/** Optional cluster-wide grants: cluster_overview lists nodes and namespaces (without them it says "not permitted"). */
export const K8S_CLUSTER_OVERVIEW_GRANTS: readonly RbacGrant[] = [
  { apiGroup: '', resource: 'namespaces', verbs: ['list'] },
  { apiGroup: '', resource: 'nodes', verbs: ['list'] },
];

/** Flattens grants into sorted `verb group/resource` strings, the form tests compare. */
export function grantStrings(grants: readonly RbacGrant[]): string[] {
  return grants.flatMap((g) => g.verbs.map((v) => `${v} ${g.apiGroup}/${g.resource}`)).sort();
}
