/** Cluster overview rules: node readiness, health counts per namespace, the top deduplicated warnings. */

import { clip } from './explain-log.js';
import { type Deployment, eventTime, type KubeEvent, type KubeNode } from './k8s-objects.js';
import { findCondition, WORKLOAD_HEALTH, type WorkloadHealth, workloadHealth } from './workload-health.js';

/** An object UID, as kubelet messages quote it (e.g. "Back-off restarting … pod web-7d9f8-x2x4q_demo(<uid>)"). */
export const UID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Node readiness. */
export interface NodeSummary {
  total: number;
  ready: number;
  /** Names of nodes not ready or cordoned, at most 10. */
  not_ready: string[];
}

/** Counts of Deployments by health in one namespace. */
export type HealthCounts = Record<WorkloadHealth, number>;

/** A deduplicated warning. */
export type WarningSummary = {
  namespace: string;
  reason: string;
  count: number;
  objects: number;
  example: string;
  message: string;
};

/** Ready and not-ready nodes. */
export function summarizeNodes(nodes: readonly KubeNode[]): NodeSummary {
  const notReady = nodes.filter(
    (n) => findCondition(n.status?.conditions, 'Ready')?.status !== 'True' || n.spec?.unschedulable === true,
  );
  return {
    total: nodes.length,
    ready: nodes.length - notReady.length,
    not_ready: notReady.slice(0, 10).map((n) => n.metadata?.name ?? ''),
  };
}

/** How many Deployments of a list are in each health state. */
export function countHealth(deployments: readonly Deployment[]): HealthCounts {
  const counts = Object.fromEntries(WORKLOAD_HEALTH.map((h) => [h, 0])) as HealthCounts;
  for (const d of deployments) counts[workloadHealth(d)] += 1;
  return counts;
}

/** Warning events grouped by namespace, reason and message shape, most frequent first, at most `max`. */
export function topWarnings(events: readonly KubeEvent[], max: number): WarningSummary[] {
  const groups = new Map<string, WarningSummary & { objectSet: Set<string>; last: number }>();
  for (const e of events) {
    if (e.type !== 'Warning') continue;
    const namespace = e.involvedObject.namespace ?? e.metadata?.namespace ?? '';
    const message = (e.message ?? '').replace(/\s+/g, ' ');
    // Pod UIDs and ReplicaSet/pod hashes differ per object; the message shape is what repeats.
    const shape = message
      .replace(UID, '*')
      .replace(/[a-z0-9]+(-[a-z0-9]{5,10})+/g, '*')
      .replace(/\d+/g, 'N');
    const key = `${namespace}|${e.reason}|${shape}`;
    const object = `${e.involvedObject.kind ?? ''}/${e.involvedObject.name ?? ''}`;
    const count = e.series?.count ?? e.count ?? 1;
    const group = groups.get(key);
    if (group) {
      group.count += count;
      group.objectSet.add(object);
      group.last = Math.max(group.last, eventTime(e));
    } else {
      groups.set(key, {
        namespace,
        reason: e.reason ?? '',
        count,
        objects: 0,
        example: object,
        message: clip(message, 160),
        objectSet: new Set([object]),
        last: eventTime(e),
      });
    }
  }
  return [...groups.values()]
    .sort((a, b) => b.count - a.count || b.last - a.last)
    .slice(0, max)
    .map(({ objectSet, last: _last, ...w }) => ({ ...w, objects: objectSet.size }));
}
