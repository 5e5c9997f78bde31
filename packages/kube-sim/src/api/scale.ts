// The scale subresource: an autoscaling/v1 Scale view of a Deployment or ReplicaSet's replicas.

import type { ResourceInfo } from '../model/resources.js';
import type { Deployment, KubeObject } from '../model/types.js';
import { labelSelectorString } from './selectors.js';
import { badRequest } from './status.js';

/** The Scale object for a workload. */
export function toScale(o: KubeObject): KubeObject {
  const d = o as Deployment;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: o.metadata.name ?? '',
      namespace: o.metadata.namespace ?? '',
      uid: o.metadata.uid ?? '',
      resourceVersion: o.metadata.resourceVersion ?? '',
      creationTimestamp: o.metadata.creationTimestamp ?? '',
    },
    spec: { replicas: d.spec.replicas ?? 1 },
    status: { replicas: d.status?.replicas ?? 0, selector: labelSelectorString(d.spec.selector) },
  };
}

/** Apply a (patched or replaced) Scale back onto the workload; returns the new workload body. */
export function fromScale(_r: ResourceInfo, live: KubeObject, scale: unknown): KubeObject {
  const s = scale as { spec?: { replicas?: unknown }; metadata?: { resourceVersion?: string } } | null;
  const replicas = s?.spec?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas))
    throw badRequest('Scale.spec.replicas must be an integer');
  const next = structuredClone(live) as Deployment;
  next.spec.replicas = replicas;
  const rv = s?.metadata?.resourceVersion;
  next.metadata.resourceVersion = rv === undefined || rv === '' ? (live.metadata.resourceVersion ?? '') : rv;
  delete next.metadata.managedFields;
  return next;
}
