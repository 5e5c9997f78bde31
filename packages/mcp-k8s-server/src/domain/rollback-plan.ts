/** Chooses the ReplicaSet a rollback restores, as `kubectl rollout undo` does. */
import { ToolError } from '@bulkhead/core';
import { type PodTemplate, type ReplicaSet, revisionOf } from './k8s-objects.js';

/** The label the controller adds to each ReplicaSet's template; not part of the user's template. */
export const POD_TEMPLATE_HASH = 'pod-template-hash';

/** The ReplicaSet to restore: `toRevision`, or the newest one older than the current revision. */
export function rollbackTarget(
  replicaSets: readonly ReplicaSet[],
  currentRevision: number,
  toRevision?: number,
): ReplicaSet {
  const revisions = replicaSets.map(revisionOf).filter((r) => r > 0);
  if (toRevision !== undefined) {
    const found = replicaSets.find((rs) => revisionOf(rs) === toRevision);
    if (found) return found;
    throw new ToolError(
      'NOT_FOUND',
      `Revision ${toRevision} does not exist; known revisions: ${revisions.sort((a, b) => b - a).join(', ') || 'none'}.`,
      {
        retryable: false,
        details: { field: 'to_revision', revisions },
      },
    );
  }
  const previous = [...replicaSets]
    .filter((rs) => revisionOf(rs) < currentRevision && revisionOf(rs) > 0)
    .sort((a, b) => revisionOf(b) - revisionOf(a))[0];
  if (previous) return previous;
  throw new ToolError('PRECONDITION_FAILED', `There is no revision before ${currentRevision} to roll back to.`, {
    retryable: false,
  });
}

/** The ReplicaSet's template as a Deployment template: without the controller's pod-template-hash label. */
export function templateForDeployment(rs: ReplicaSet): PodTemplate {
  const template = structuredClone(rs.spec?.template ?? {});
  if (template.metadata?.labels) delete template.metadata.labels[POD_TEMPLATE_HASH];
  return template;
}

/** Whether two templates are the same, ignoring pod-template-hash (so a repeated rollback does nothing). */
export function sameTemplate(a: PodTemplate | undefined, b: PodTemplate | undefined): boolean {
  const strip = (t: PodTemplate | undefined) => {
    const copy = structuredClone(t ?? {});
    if (copy.metadata?.labels) delete copy.metadata.labels[POD_TEMPLATE_HASH];
    return canonical(copy);
  };
  return strip(a) === strip(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .filter(([, x]) => x !== undefined)
            .sort(([x], [y]) => x.localeCompare(y)),
        )
      : v,
  );
}
