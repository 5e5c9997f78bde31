// Server-side printing: the meta.k8s.io/v1 Table kubectl asks for with `Accept: ...;as=Table`.

import type { ResourceInfo } from '../model/resources.js';
import type { Deployment, KubeEvent, KubeObject, Pod, ReplicaSet } from '../model/types.js';

/** Whether the Accept header asks for a Table. */
export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? '').split(',')[0]?.includes('as=Table') ?? false;
}

function age(ts: string | null | undefined): string {
  if (ts === undefined || ts === null) return '<unknown>';
  const s = Math.max(0, Math.floor((Date.now() - Date.parse(ts)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

type Cell = string | number;

function podStatus(p: Pod): string {
  for (const cs of p.status?.containerStatuses ?? []) {
    if (cs.state.waiting !== undefined) return cs.state.waiting.reason;
    if (cs.state.terminated !== undefined) return cs.state.terminated.reason;
  }
  return p.status?.reason ?? p.status?.phase ?? 'Unknown';
}

const COLUMNS: Record<string, { names: string[]; cells: (o: KubeObject) => Cell[] }> = {
  deployments: {
    names: ['Name', 'Ready', 'Up-to-date', 'Available', 'Age'],
    cells: (o) => {
      const d = o as Deployment;
      return [
        o.metadata.name ?? '',
        `${d.status?.readyReplicas ?? 0}/${d.spec.replicas ?? 1}`,
        d.status?.updatedReplicas ?? 0,
        d.status?.availableReplicas ?? 0,
        age(o.metadata.creationTimestamp),
      ];
    },
  },
  replicasets: {
    names: ['Name', 'Desired', 'Current', 'Ready', 'Age'],
    cells: (o) => {
      const rs = o as ReplicaSet;
      return [
        o.metadata.name ?? '',
        rs.spec.replicas ?? 0,
        rs.status?.replicas ?? 0,
        rs.status?.readyReplicas ?? 0,
        age(o.metadata.creationTimestamp),
      ];
    },
  },
  pods: {
    names: ['Name', 'Ready', 'Status', 'Restarts', 'Age'],
    cells: (o) => {
      const p = o as Pod;
      const cs = p.status?.containerStatuses ?? [];
      const restarts = cs.reduce((n, c) => n + c.restartCount, 0);
      return [
        o.metadata.name ?? '',
        `${cs.filter((c) => c.ready).length}/${p.spec.containers.length}`,
        podStatus(p),
        restarts,
        age(o.metadata.creationTimestamp),
      ];
    },
  },
  events: {
    names: ['Last Seen', 'Type', 'Reason', 'Object', 'Message'],
    cells: (o) => {
      const e = o as KubeEvent;
      return [
        age(e.lastTimestamp ?? e.eventTime),
        e.type,
        e.reason,
        `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`,
        e.message,
      ];
    },
  },
  nodes: {
    names: ['Name', 'Status', 'Roles', 'Age', 'Version'],
    cells: (o) => [o.metadata.name ?? '', 'Ready', '<none>', age(o.metadata.creationTimestamp), 'v1.31.0'],
  },
};

/** Convert a list (or a single object wrapped as one) into a Table. */
export function toTable(r: ResourceInfo, list: { items?: unknown; metadata?: unknown }): Record<string, unknown> {
  const cols = COLUMNS[r.plural] ?? {
    names: ['Name', 'Age'],
    cells: (o: KubeObject) => [o.metadata.name ?? '', age(o.metadata.creationTimestamp)],
  };
  const items = (list.items ?? []) as KubeObject[];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: list.metadata ?? {},
    columnDefinitions: cols.names.map((n) => ({
      name: n,
      type: 'string',
      format: n === 'Name' ? 'name' : '',
      description: n,
      priority: 0,
    })),
    rows: items.map((o) => ({
      cells: cols.cells(o),
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  };
}
