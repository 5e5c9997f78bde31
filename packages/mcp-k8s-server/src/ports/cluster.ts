/** The port the tools need from a Kubernetes cluster; every call takes the caller's abort signal. */
import type { Deployment, KubeEvent, KubeNode, Pod, ReplicaSet } from '../domain/k8s-objects.js';

/** A page of a list read with the API's limit/continue. */
export interface ListPage<T> {
  readonly items: T[];
  /** The API's continue token; undefined on the last page. */
  readonly continueToken: string | undefined;
}

/** What a log read asks for. */
export interface LogQuery {
  readonly container?: string | undefined;
  readonly previous?: boolean | undefined;
  readonly tailLines?: number | undefined;
  readonly sinceSeconds?: number | undefined;
  readonly limitBytes?: number | undefined;
}

/** A server-side apply request. */
export interface ApplyOptions {
  /** Server-side dry run (dryRun=All): validated and defaulted, nothing persisted. */
  readonly dryRun: boolean;
}

/** The Deployment's scale subresource. */
export interface DeploymentScale {
  readonly replicas: number;
  readonly resourceVersion: string;
}

/** Reads and writes the tools need, in Kubernetes terms; failures are ToolErrors from the error mapping. */
export interface Cluster {
  listNodes(signal: AbortSignal): Promise<KubeNode[]>;
  listNamespaces(signal: AbortSignal): Promise<string[]>;
  listDeployments(
    namespace: string,
    page: { limit: number; continueToken?: string | undefined },
    signal: AbortSignal,
  ): Promise<ListPage<Deployment>>;
  readDeployment(namespace: string, name: string, signal: AbortSignal): Promise<Deployment>;
  listReplicaSets(namespace: string, labelSelector: string, signal: AbortSignal): Promise<ReplicaSet[]>;
  listPods(namespace: string, labelSelector: string, signal: AbortSignal): Promise<Pod[]>;
  readPod(namespace: string, name: string, signal: AbortSignal): Promise<Pod>;
  /** Events selected on the server with a field selector (e.g. involvedObject.name=web); at most `limit`. */
  listEvents(namespace: string, fieldSelector: string, limit: number, signal: AbortSignal): Promise<KubeEvent[]>;
  readLog(namespace: string, pod: string, query: LogQuery, signal: AbortSignal): Promise<string>;
  /** Server-side apply under the fixed field manager, forcing ownership. */
  applyDeployment(manifest: object, options: ApplyOptions, signal: AbortSignal): Promise<Deployment>;
  applyService(manifest: object, options: ApplyOptions, signal: AbortSignal): Promise<void>;
  readScale(namespace: string, name: string, signal: AbortSignal): Promise<DeploymentScale>;
  /** Writes the scale with optimistic concurrency: a stale resourceVersion is a CONFLICT. */
  replaceScale(
    namespace: string,
    name: string,
    scale: DeploymentScale,
    dryRun: boolean,
    signal: AbortSignal,
  ): Promise<void>;
  /** A strategic merge patch of the Deployment. */
  patchDeployment(
    namespace: string,
    name: string,
    patch: object,
    dryRun: boolean,
    signal: AbortSignal,
  ): Promise<Deployment>;
  /** Replaces the Deployment with optimistic concurrency (its metadata.resourceVersion). */
  replaceDeployment(
    namespace: string,
    name: string,
    deployment: Deployment,
    dryRun: boolean,
    signal: AbortSignal,
  ): Promise<Deployment>;
}
