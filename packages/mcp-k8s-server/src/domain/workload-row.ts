/** One compact row per Deployment, for lists. */
import { type Deployment, revisionOf } from './k8s-objects.js';
import { type WorkloadHealth, workloadHealth } from './workload-health.js';

/** A Deployment as a list row. */
export type WorkloadRow = {
  name: string;
  /** `ready/desired`. */
  ready: string;
  /** The first container's image; `+N` when there are more containers. */
  image: string;
  revision: number;
  health: WorkloadHealth;
};

/** The row of a Deployment. */
export function toWorkloadRow(deployment: Deployment): WorkloadRow {
  const containers = deployment.spec?.template.spec?.containers ?? [];
  const extra = containers.length > 1 ? ` +${containers.length - 1}` : '';
  return {
    name: deployment.metadata?.name ?? '',
    ready: `${deployment.status?.readyReplicas ?? 0}/${deployment.spec?.replicas ?? 1}`,
    image: `${containers[0]?.image ?? ''}${extra}`,
    revision: revisionOf(deployment),
    health: workloadHealth(deployment),
  };
}
