/** Rollout progress read from the live Deployment status: the cluster is the source of truth for a job. */
import type { Deployment } from './k8s-objects.js';
import { findCondition, isRolloutComplete, isRolloutStuck } from './workload-health.js';

/** What a rollout looks like now. */
export interface RolloutProgress {
  readonly state: 'running' | 'succeeded' | 'failed';
  /** From 0 to 1. */
  readonly progress: number;
  readonly message: string;
  readonly desired: number;
  readonly updated: number;
  readonly available: number;
  readonly observed_generation: number;
}

/** The rollout of `deployment` toward `targetGeneration` (the generation our write produced). */
export function rolloutProgress(deployment: Deployment, targetGeneration: number): RolloutProgress {
  const status = deployment.status ?? {};
  const desired = deployment.spec?.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  const available = status.availableReplicas ?? 0;
  const total = status.replicas ?? 0;
  const observedGeneration = status.observedGeneration ?? 0;
  const base = { desired, updated, available, observed_generation: observedGeneration };
  if (observedGeneration < targetGeneration) {
    return {
      ...base,
      state: 'running',
      progress: 0.05,
      message: `waiting for the controller to observe generation ${targetGeneration}`,
    };
  }
  if (isRolloutStuck(deployment)) {
    const reason = findCondition(status.conditions, 'Progressing')?.message ?? 'progress deadline exceeded';
    return {
      ...base,
      state: 'failed',
      progress: fraction(updated, available, desired),
      message: `rollout stuck: ${reason}`,
    };
  }
  if (isRolloutComplete(deployment)) {
    return { ...base, state: 'succeeded', progress: 1, message: `rollout complete: ${available}/${desired} available` };
  }
  const old = Math.max(0, total - updated);
  const waiting =
    updated < desired
      ? `${updated}/${desired} replicas updated`
      : old > 0
        ? `${old} old replicas pending termination`
        : `${available}/${updated} updated replicas available`;
  return {
    ...base,
    state: 'running',
    progress: fraction(updated, available, desired),
    message: `rolling out: ${waiting}`,
  };
}

function fraction(updated: number, available: number, desired: number): number {
  if (desired === 0) return 0.9;
  const done = (Math.min(updated, desired) + Math.min(available, desired)) / (2 * desired);
  return Math.min(0.95, Math.max(0.1, Math.round(done * 100) / 100));
}
