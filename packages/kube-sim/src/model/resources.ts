// The registry of resources the simulator serves: names, kinds, groups and verbs, as discovery reports them.

/** Everything the server needs to know about one resource. */
export interface ResourceInfo {
  /** Plural name used in URLs, e.g. `deployments`. */
  readonly plural: string;
  readonly singular: string;
  readonly kind: string;
  /** API group; '' for core. */
  readonly group: string;
  readonly version: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly subresources: readonly string[];
  /** Schema name in the OpenAPI documents. */
  readonly schema: string;
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const;

/** The verbs every resource supports. */
export const RESOURCE_VERBS: readonly string[] = ALL_VERBS;

/** All served resources. */
export const RESOURCES: readonly ResourceInfo[] = [
  core('namespaces', 'namespace', 'Namespace', false, ['ns'], ['status']),
  core('nodes', 'node', 'Node', false, ['no'], ['status']),
  core('pods', 'pod', 'Pod', true, ['po'], ['log', 'status']),
  core('services', 'service', 'Service', true, ['svc'], ['status']),
  core('events', 'event', 'Event', true, ['ev'], []),
  core('secrets', 'secret', 'Secret', true, [], []),
  core('configmaps', 'configmap', 'ConfigMap', true, ['cm'], []),
  apps('deployments', 'deployment', 'Deployment', ['deploy'], ['scale', 'status']),
  apps('replicasets', 'replicaset', 'ReplicaSet', ['rs'], ['scale', 'status']),
];

function core(
  plural: string,
  singular: string,
  kind: string,
  namespaced: boolean,
  shortNames: string[],
  subresources: string[],
): ResourceInfo {
  return {
    plural,
    singular,
    kind,
    group: '',
    version: 'v1',
    namespaced,
    shortNames,
    subresources,
    schema: `io.k8s.api.core.v1.${kind}`,
  };
}

function apps(
  plural: string,
  singular: string,
  kind: string,
  shortNames: string[],
  subresources: string[],
): ResourceInfo {
  return {
    plural,
    singular,
    kind,
    group: 'apps',
    version: 'v1',
    namespaced: true,
    shortNames,
    subresources,
    schema: `io.k8s.api.apps.v1.${kind}`,
  };
}

/** `v1` or `apps/v1`. */
export function groupVersion(r: ResourceInfo): string {
  return r.group === '' ? r.version : `${r.group}/${r.version}`;
}

/** Find a resource by group and plural. */
export function findResource(group: string, plural: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.group === group && r.plural === plural);
}

/** Find a resource by kind. */
export function resourceForKind(kind: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.kind === kind);
}

/** Human name used in messages: `deployments.apps` or `pods`. */
export function qualifiedName(r: ResourceInfo): string {
  return r.group === '' ? r.plural : `${r.plural}.${r.group}`;
}
