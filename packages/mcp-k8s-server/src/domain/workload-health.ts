/** A Deployment's health from its status alone: what list_workloads and cluster_overview report per row. */
import type { Condition, Deployment } from './k8s-objects.js';

/** The health values, worst first. */
export const WORKLOAD_HEALTH = ['failed', 'degraded', 'progressing', 'healthy', 'scaled_to_zero'] as const;

/** One of {@link WORKLOAD_HEALTH}. */
export type WorkloadHealth = (typeof WORKLOAD_HEALTH)[number];

/** The condition of `type` in a list, if present. */
export function findCondition(conditions: readonly Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

/** Whether the Deployment's rollout hit its progress deadline. */
export function isRolloutStuck(deployment: Deployment): boolean {
  const progressing = findCondition(deployment.status?.conditions, 'Progressing');
  return progressing?.status === 'False' && progressing.reason === 'ProgressDeadlineExceeded';
}

/** Whether the controller has seen the latest spec and every replica is updated and available (kubectl rollout status). */
export function isRolloutComplete(deployment: Deployment): boolean {
  const desired = deployment.spec?.replicas ?? 1;
  const status = deployment.status ?? {};
  const observed = (status.observedGeneration ?? 0) >= (deployment.metadata?.generation ?? 0);
  const updated = status.updatedReplicas ?? 0;
  return (
    observed && updated >= desired && (status.replicas ?? 0) <= updated && (status.availableReplicas ?? 0) >= updated
  );
}

/** Classifies a Deployment: failed (stuck or nothing available), degraded, progressing, healthy or scaled_to_zero. */
export function workloadHealth(deployment: Deployment): WorkloadHealth {
  const desired = deployment.spec?.replicas ?? 1;
  const available = deployment.status?.availableReplicas ?? 0;
  if (desired === 0) return isRolloutComplete(deployment) ? 'scaled_to_zero' : 'progressing';
  if (isRolloutStuck(deployment) || available === 0) return 'failed';
  if (available < desired) return 'degraded';
  return isRolloutComplete(deployment) ? 'healthy' : 'progressing';
}
