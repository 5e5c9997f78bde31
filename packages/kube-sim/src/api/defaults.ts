// Defaulting the API server applies on create and update, so stored objects look like a real cluster's.

import type { Container, Deployment, KubeObject, PodSpec, PodTemplateSpec } from '../model/types.js';

function defaultContainer(c: Container): void {
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  const tag = (c.image ?? '').split('/').pop()?.split(':')[1];
  c.imagePullPolicy ??= tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent';
  c.resources ??= {};
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
}

/** Defaults of a PodSpec. */
export function defaultPodSpec(spec: PodSpec): void {
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
  for (const c of spec.containers ?? []) defaultContainer(c);
}

function defaultTemplate(t: PodTemplateSpec | undefined): void {
  if (t?.spec === undefined) return;
  t.metadata ??= {};
  defaultPodSpec(t.spec);
}

let nextClusterIp = 10;

/** Apply the defaults of the object's kind in place. */
export function applyDefaults(o: KubeObject): void {
  if (o.kind === 'Deployment') {
    const d = o as Deployment;
    if (d.spec === undefined) return;
    d.spec.replicas ??= 1;
    d.spec.revisionHistoryLimit ??= 10;
    d.spec.progressDeadlineSeconds ??= 600;
    d.spec.strategy ??= { type: 'RollingUpdate' };
    d.spec.strategy.type ??= 'RollingUpdate';
    if (d.spec.strategy.type === 'RollingUpdate') {
      d.spec.strategy.rollingUpdate ??= {};
      d.spec.strategy.rollingUpdate.maxSurge ??= '25%';
      d.spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
    }
    defaultTemplate(d.spec.template);
  } else if (o.kind === 'ReplicaSet') {
    const spec = o.spec as { replicas?: number; template?: PodTemplateSpec } | undefined;
    if (spec === undefined) return;
    spec.replicas ??= 1;
    defaultTemplate(spec.template);
  } else if (o.kind === 'Pod') {
    const spec = o.spec as PodSpec | undefined;
    if (spec !== undefined) defaultPodSpec(spec);
  } else if (o.kind === 'Service') {
    const spec = (o.spec ?? {}) as Record<string, unknown>;
    o.spec = spec;
    spec.type ??= 'ClusterIP';
    spec.sessionAffinity ??= 'None';
    if (spec.clusterIP === undefined) {
      nextClusterIp += 1;
      spec.clusterIP = `10.96.${Math.floor(nextClusterIp / 250)}.${nextClusterIp % 250}`;
      spec.clusterIPs = [spec.clusterIP];
    }
    const ports = (spec.ports ?? []) as { port: number; protocol?: string; targetPort?: number | string }[];
    for (const p of ports) {
      p.protocol ??= 'TCP';
      p.targetPort ??= p.port;
    }
    o.status ??= { loadBalancer: {} };
  } else if (o.kind === 'Namespace') {
    o.spec ??= { finalizers: ['kubernetes'] };
    o.status ??= { phase: 'Active' };
    o.metadata.labels = { ...o.metadata.labels, 'kubernetes.io/metadata.name': o.metadata.name ?? '' };
  } else if (o.kind === 'Secret') {
    o.type ??= 'Opaque';
  }
}
