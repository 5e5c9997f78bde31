/** The few Kubernetes object shapes the domain reads: structural, so client-node models and test fixtures both fit. */

/** A timestamp as client-node gives it (a Date) or as JSON fixtures hold it (an RFC 3339 string). */
export type Timestamp = Date | string;

/** The metadata fields the domain uses. */
export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  generation?: number;
  resourceVersion?: string;
  creationTimestamp?: Timestamp;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: Array<{ kind: string; name: string; uid: string }>;
}

/** One environment variable; `value` is never shown, only the name and where it comes from. */
export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: object;
}

/** Resource requests and limits as quantity strings. */
export interface Resources {
  limits?: Record<string, string>;
  requests?: Record<string, string>;
}

/** A container of a pod template. */
export interface Container {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  resources?: Resources;
}

/** A pod template (Deployment and ReplicaSet spec.template). */
export interface PodTemplate {
  metadata?: ObjectMeta;
  spec?: { containers: Container[] };
}

/** A status condition (Deployment or Pod). */
export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** A label selector; only matchLabels is turned into a selector string. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
}

/** The `k=v,k2=v2` selector string of a Deployment's matchLabels; undefined when it has none. */
export function selectorString(selector: LabelSelector | undefined): string | undefined {
  const entries = Object.entries(selector?.matchLabels ?? {});
  return entries.length === 0 ? undefined : entries.map(([k, v]) => `${k}=${v}`).join(',');
}

/** The Deployment fields the domain reads. */
export interface Deployment {
  metadata?: ObjectMeta;
  spec?: { replicas?: number; template: PodTemplate; paused?: boolean; selector?: LabelSelector };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    unavailableReplicas?: number;
    conditions?: Condition[];
  };
}

/** The ReplicaSet fields the domain reads. */
export interface ReplicaSet {
  metadata?: ObjectMeta;
  spec?: { replicas?: number; template?: PodTemplate };
  status?: { replicas?: number; readyReplicas?: number; availableReplicas?: number };
}

/** A container state: one of waiting, running or terminated. */
export interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: Timestamp };
  terminated?: { reason?: string; message?: string; exitCode: number; finishedAt?: Timestamp };
}

/** A container's status inside a pod. */
export interface ContainerStatus {
  name: string;
  ready: boolean;
  restartCount: number;
  image?: string;
  state?: ContainerState;
  lastState?: ContainerState;
}

/** The Pod fields the domain reads. */
export interface Pod {
  metadata?: ObjectMeta;
  spec?: { containers: Container[]; nodeName?: string };
  status?: {
    phase?: string;
    conditions?: Condition[];
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
}

/** The Event fields the domain reads; scheduler events have a null lastTimestamp and an eventTime. */
export interface KubeEvent {
  metadata?: ObjectMeta;
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  involvedObject: { kind?: string; name?: string; uid?: string; namespace?: string };
  firstTimestamp?: Timestamp | null;
  lastTimestamp?: Timestamp | null;
  eventTime?: Timestamp | null;
  series?: { count?: number; lastObservedTime?: Timestamp } | null;
}

/** The Node fields the overview reads. */
export interface KubeNode {
  metadata?: ObjectMeta;
  spec?: { unschedulable?: boolean };
  status?: { conditions?: Condition[] };
}

/** The annotation holding a ReplicaSet's (and Deployment's) revision number. */
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

/** Milliseconds since the epoch of a timestamp, or undefined. */
export function toMillis(value: Timestamp | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** When an event last happened: lastTimestamp, else series.lastObservedTime, else eventTime, else firstTimestamp. */
export function eventTime(event: KubeEvent): number {
  return (
    toMillis(event.lastTimestamp) ??
    toMillis(event.series?.lastObservedTime) ??
    toMillis(event.eventTime) ??
    toMillis(event.firstTimestamp) ??
    0
  );
}

/** The revision number of a ReplicaSet or Deployment, or 0 when it has none. */
export function revisionOf(object: { metadata?: ObjectMeta }): number {
  const raw = object.metadata?.annotations?.[REVISION_ANNOTATION];
  const revision = raw === undefined ? Number.NaN : Number.parseInt(raw, 10);
  return Number.isSafeInteger(revision) ? revision : 0;
}
