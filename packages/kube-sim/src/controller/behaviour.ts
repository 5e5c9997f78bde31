// Decides from a pod template how its containers behave: the failure shapes the simulator reproduces.

import type { Container, PodSpec } from '../model/types.js';
import { mebibytes, parseQuantity } from './quantity.js';

/** Node allocatable resources (every simulated node is the same). */
export const NODE_CPU = 4;
/** Node allocatable memory in bytes (16Gi). */
export const NODE_MEMORY = 16 * 1024 ** 3;

/** How one container behaves. */
export type ContainerBehaviour =
  | { kind: 'healthy' }
  | { kind: 'notReady' }
  | { kind: 'crash'; errorLine: string }
  | { kind: 'oom'; limit: string }
  | { kind: 'imagePull'; image: string }
  | { kind: 'configError'; message: string };

/** Looks up whether a secret (and key) or config map exists. */
export type RefLookup = (kind: 'secret' | 'configmap', name: string, key: string) => 'ok' | 'no-object' | 'no-key';

function envValue(c: Container, name: string): string | undefined {
  return c.env?.find((e) => e.name === name)?.value;
}

function hasEnv(c: Container, name: string): boolean {
  return c.env?.some((e) => e.name === name) ?? false;
}

/** Classify a container. */
export function containerBehaviour(c: Container, lookup: RefLookup): ContainerBehaviour {
  const image = c.image ?? '';
  const lastPart = image.split('/').pop() ?? '';
  const tag = lastPart.includes(':') ? lastPart.split(':').pop() : undefined;
  if (image.includes('does-not-exist') || tag === 'missing') return { kind: 'imagePull', image };
  for (const e of c.env ?? []) {
    const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
    if (ref === undefined || ref.optional === true) continue;
    const kind = e.valueFrom?.secretKeyRef !== undefined ? 'secret' : 'configmap';
    const found = lookup(kind, ref.name ?? '', ref.key);
    if (found === 'no-object') return { kind: 'configError', message: `${kind} "${ref.name ?? ''}" not found` };
    if (found === 'no-key')
      return {
        kind: 'configError',
        message: `couldn't find key ${ref.key} in ${kind === 'secret' ? 'Secret' : 'ConfigMap'} ${ref.name ?? ''}`,
      };
  }
  const limit = c.resources?.limits?.memory;
  const limitMi = mebibytes(limit);
  const allocate = Number(envValue(c, 'ALLOCATE_MB') ?? 'NaN');
  if (limitMi !== undefined && (limitMi < 64 || (Number.isFinite(allocate) && allocate > limitMi))) {
    return { kind: 'oom', limit: String(limit) };
  }
  const required = (envValue(c, 'REQUIRED_ENV') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const missing = required.find((name) => !hasEnv(c, name));
  if (missing !== undefined)
    return { kind: 'crash', errorLine: `Error: missing required environment variable ${missing}` };
  if (hasEnv(c, 'CRASH_ON_START') || tag === 'crash') {
    const errorLine = hasEnv(c, 'DATABASE_URL')
      ? 'fatal: CRASH_ON_START is set'
      : 'Error: missing required environment variable DATABASE_URL';
    return { kind: 'crash', errorLine };
  }
  if (c.readinessProbe?.httpGet?.path === '/fail') return { kind: 'notReady' };
  return { kind: 'healthy' };
}

/** Why no node can take the pod, or undefined when it fits. */
export function unschedulableReason(spec: PodSpec): string | undefined {
  let cpu = 0;
  let mem = 0;
  for (const c of spec.containers) {
    cpu += parseQuantity(c.resources?.requests?.cpu) ?? 0;
    mem += parseQuantity(c.resources?.requests?.memory) ?? 0;
  }
  const lacks: string[] = [];
  if (cpu > NODE_CPU) lacks.push('3 Insufficient cpu');
  if (mem > NODE_MEMORY) lacks.push('3 Insufficient memory');
  if (lacks.length === 0) return undefined;
  return `0/3 nodes are available: ${lacks.join(', ')}. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.`;
}
