/** The Cluster port over @kubernetes/client-node 2.x: explicit content types, timeouts, abort signals, mapped errors. */
import { AppsV1Api, CoreV1Api, type KubeConfig, type V1Deployment, type V1Scale } from '@kubernetes/client-node';
import type { Deployment, KubeEvent, KubeNode, Pod, ReplicaSet } from '../domain/k8s-objects.js';
import type { ApplyOptions, Cluster, DeploymentScale, ListPage, LogQuery } from '../ports/cluster.js';
import { callOptions, PATCH_CONTENT_TYPES } from './kube-call-options.js';
import { type KubeCallFacts, mapKubeError } from './kube-error-mapping.js';

/** The field manager every server-side apply uses, so re-applies converge instead of conflicting. */
export const FIELD_MANAGER = 'bulkhead-k8s';

/** Options of {@link ClientNodeCluster}. */
export interface ClientNodeClusterOptions {
  /** Milliseconds one API request may take (default 10 s). */
  readonly requestTimeoutMs?: number;
}

/** The client-node implementation of {@link Cluster}. */
export class ClientNodeCluster implements Cluster {
  private readonly apps: AppsV1Api;
  private readonly core: CoreV1Api;
  private readonly timeoutMs: number;

  constructor(kubeConfig: KubeConfig, options: ClientNodeClusterOptions = {}) {
    this.apps = kubeConfig.makeApiClient(AppsV1Api);
    this.core = kubeConfig.makeApiClient(CoreV1Api);
    this.timeoutMs = options.requestTimeoutMs ?? 10_000;
  }

  private async call<T>(
    facts: KubeCallFacts,
    signal: AbortSignal,
    run: (opts: ReturnType<typeof callOptions>) => Promise<T>,
    contentType?: string,
  ): Promise<T> {
    try {
      return await run(callOptions(signal, this.timeoutMs, contentType));
    } catch (error) {
      throw mapKubeError(error, facts);
    }
  }

  async listNodes(signal: AbortSignal): Promise<KubeNode[]> {
    const list = await this.call({ verb: 'list', resource: 'nodes' }, signal, (o) =>
      this.core.listNode({ limit: 500 }, o),
    );
    return list.items;
  }

  async listNamespaces(signal: AbortSignal): Promise<string[]> {
    const list = await this.call({ verb: 'list', resource: 'namespaces' }, signal, (o) =>
      this.core.listNamespace({ limit: 500 }, o),
    );
    return list.items.map((n) => n.metadata?.name ?? '').filter((n) => n !== '');
  }

  async listDeployments(
    namespace: string,
    page: { limit: number; continueToken?: string | undefined },
    signal: AbortSignal,
  ): Promise<ListPage<Deployment>> {
    const list = await this.call({ verb: 'list', resource: 'deployments', namespace }, signal, (o) =>
      this.apps.listNamespacedDeployment(
        { namespace, limit: page.limit, ...(page.continueToken ? { _continue: page.continueToken } : {}) },
        o,
      ),
    );
    return { items: list.items, continueToken: list.metadata?._continue || undefined };
  }

  readDeployment(namespace: string, name: string, signal: AbortSignal): Promise<Deployment> {
    return this.call({ verb: 'get', resource: 'deployments', namespace, name }, signal, (o) =>
      this.apps.readNamespacedDeployment({ namespace, name }, o),
    );
  }

  async listReplicaSets(namespace: string, labelSelector: string, signal: AbortSignal): Promise<ReplicaSet[]> {
    const list = await this.call({ verb: 'list', resource: 'replicasets', namespace }, signal, (o) =>
      this.apps.listNamespacedReplicaSet({ namespace, labelSelector, limit: 200 }, o),
    );
    return list.items;
  }

  async listPods(namespace: string, labelSelector: string, signal: AbortSignal): Promise<Pod[]> {
    const list = await this.call({ verb: 'list', resource: 'pods', namespace }, signal, (o) =>
      this.core.listNamespacedPod({ namespace, labelSelector, limit: 500 }, o),
    );
    return list.items;
  }

  readPod(namespace: string, name: string, signal: AbortSignal): Promise<Pod> {
    return this.call({ verb: 'get', resource: 'pods', namespace, name }, signal, (o) =>
      this.core.readNamespacedPod({ namespace, name }, o),
    );
  }

  async listEvents(namespace: string, fieldSelector: string, limit: number, signal: AbortSignal): Promise<KubeEvent[]> {
    const list = await this.call({ verb: 'list', resource: 'events', namespace }, signal, (o) =>
      this.core.listNamespacedEvent({ namespace, fieldSelector, limit }, o),
    );
    return list.items as KubeEvent[];
  }

  readLog(namespace: string, pod: string, query: LogQuery, signal: AbortSignal): Promise<string> {
    return this.call({ verb: 'get', resource: 'pods/log', namespace, name: pod }, signal, (o) =>
      this.core.readNamespacedPodLog(
        {
          namespace,
          name: pod,
          ...(query.container ? { container: query.container } : {}),
          ...(query.previous ? { previous: true } : {}),
          ...(query.tailLines !== undefined ? { tailLines: query.tailLines } : {}),
          ...(query.sinceSeconds !== undefined ? { sinceSeconds: query.sinceSeconds } : {}),
          ...(query.limitBytes !== undefined ? { limitBytes: query.limitBytes } : {}),
        },
        o,
      ),
    );
  }

  applyDeployment(manifest: object, options: ApplyOptions, signal: AbortSignal): Promise<Deployment> {
    const { namespace, name } = identity(manifest);
    return this.call(
      { verb: 'patch', resource: 'deployments', namespace, name, write: !options.dryRun },
      signal,
      (o) => this.apps.patchNamespacedDeployment(applyRequest(namespace, name, manifest, options), o),
      PATCH_CONTENT_TYPES.apply,
    );
  }

  async applyService(manifest: object, options: ApplyOptions, signal: AbortSignal): Promise<void> {
    const { namespace, name } = identity(manifest);
    await this.call(
      { verb: 'patch', resource: 'services', namespace, name, write: !options.dryRun },
      signal,
      (o) => this.core.patchNamespacedService(applyRequest(namespace, name, manifest, options), o),
      PATCH_CONTENT_TYPES.apply,
    );
  }

  async readScale(namespace: string, name: string, signal: AbortSignal): Promise<DeploymentScale> {
    const scale = await this.call({ verb: 'get', resource: 'deployments/scale', namespace, name }, signal, (o) =>
      this.apps.readNamespacedDeploymentScale({ namespace, name }, o),
    );
    return { replicas: scale.spec?.replicas ?? 0, resourceVersion: scale.metadata?.resourceVersion ?? '' };
  }

  async replaceScale(
    namespace: string,
    name: string,
    scale: DeploymentScale,
    dryRunOnly: boolean,
    signal: AbortSignal,
  ): Promise<void> {
    const body: V1Scale = {
      apiVersion: 'autoscaling/v1',
      kind: 'Scale',
      metadata: { name, namespace, resourceVersion: scale.resourceVersion },
      spec: { replicas: scale.replicas },
    };
    await this.call(
      { verb: 'update', resource: 'deployments/scale', namespace, name, write: !dryRunOnly },
      signal,
      (o) => this.apps.replaceNamespacedDeploymentScale({ namespace, name, body, ...dryRun(dryRunOnly) }, o),
    );
  }

  patchDeployment(
    namespace: string,
    name: string,
    patch: object,
    dryRunOnly: boolean,
    signal: AbortSignal,
  ): Promise<Deployment> {
    return this.call(
      { verb: 'patch', resource: 'deployments', namespace, name, write: !dryRunOnly },
      signal,
      (o) =>
        this.apps.patchNamespacedDeployment(
          {
            namespace,
            name,
            body: patch,
            fieldManager: FIELD_MANAGER,
            fieldValidation: 'Strict',
            ...dryRun(dryRunOnly),
          },
          o,
        ),
      PATCH_CONTENT_TYPES.strategic,
    );
  }

  replaceDeployment(
    namespace: string,
    name: string,
    deployment: Deployment,
    dryRunOnly: boolean,
    signal: AbortSignal,
  ): Promise<Deployment> {
    // The object was read through this client, so it holds every field the typed model knows.
    const body = deployment as V1Deployment;
    return this.call({ verb: 'update', resource: 'deployments', namespace, name, write: !dryRunOnly }, signal, (o) =>
      this.apps.replaceNamespacedDeployment(
        { namespace, name, body, fieldManager: FIELD_MANAGER, fieldValidation: 'Strict', ...dryRun(dryRunOnly) },
        o,
      ),
    );
  }
}

function dryRun(enabled: boolean): { dryRun?: string } {
  return enabled ? { dryRun: 'All' } : {};
}

function identity(manifest: object): { namespace: string; name: string } {
  const metadata = (manifest as { metadata?: { namespace?: string; name?: string } }).metadata;
  return { namespace: metadata?.namespace ?? '', name: metadata?.name ?? '' };
}

/** The parameters of a server-side apply under our field manager (strict fields, forced, dry run on request). */
function applyRequest(namespace: string, name: string, manifest: object, options: ApplyOptions) {
  return {
    namespace,
    name,
    body: manifest,
    fieldManager: FIELD_MANAGER,
    fieldValidation: 'Strict',
    force: true,
    ...dryRun(options.dryRun),
  };
}
