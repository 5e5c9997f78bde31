/** rollback_service: restore the previous (or a given) revision's pod template, as `kubectl rollout undo`. */
import { defineTool, type ToolContext } from '@bulkhead/core';
import { z } from 'zod';
import { revisionOf, selectorString } from '../domain/k8s-objects.js';
import { rollbackTarget, sameTemplate, templateForDeployment } from '../domain/rollback-plan.js';
import { ownedReplicaSets } from '../domain/workload-tree.js';
import { withConflictRetry } from './conflict-retry.js';
import type { K8sDeps } from './k8s-deps.js';
import { startRolloutJob } from './rollout-jobs.js';
import {
  checkMutationNamespace,
  consumeMutationBudget,
  dryRunField,
  rolloutResultSchema,
  workloadShape,
} from './shared-fields.js';

/** The rollback_service tool. */
export const rollbackServiceTool = defineTool({
  name: 'rollback_service',
  title: 'Roll back a service',
  description: 'Roll a Deployment back to the previous revision or to_revision. Returns a job_id for get_job_status.',
  kind: 'mutating',
  input: z.object({
    ...workloadShape,
    to_revision: z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .optional()
      .describe('Revision to restore; default the previous one.'),
    dry_run: dryRunField,
  }),
  output: rolloutResultSchema,
  hints: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  handler: async ({ namespace, name, to_revision, dry_run }, ctx: ToolContext<K8sDeps>) => {
    const { cluster } = ctx.deps;
    checkMutationNamespace(ctx.deps, namespace);
    const dryRun = dry_run === true;
    await consumeMutationBudget(ctx, dryRun);
    const outcome = await withConflictRetry(ctx.signal, async () => {
      const deployment = await cluster.readDeployment(namespace, name, ctx.signal);
      const selector = selectorString(deployment.spec?.selector) ?? '';
      const replicaSets = ownedReplicaSets(deployment, await cluster.listReplicaSets(namespace, selector, ctx.signal));
      const current = revisionOf(replicaSets[0] ?? deployment);
      const target = rollbackTarget(replicaSets, current, to_revision);
      const revision = revisionOf(target);
      if (deployment.spec && sameTemplate(deployment.spec.template, target.spec?.template)) {
        return { revision, skipped: true, generation: deployment.metadata?.generation ?? 0 };
      }
      const spec = { ...deployment.spec, template: templateForDeployment(target) };
      const updated = await cluster.replaceDeployment(namespace, name, { ...deployment, spec }, dryRun, ctx.signal);
      return { revision, skipped: false, generation: updated.metadata?.generation ?? 0 };
    });
    const what = outcome.skipped
      ? `already runs revision ${outcome.revision}'s template; nothing changed`
      : `rolled back to revision ${outcome.revision}'s template`;
    if (dryRun) {
      const message = `Dry run passed: ${namespace}/${name} would be ${outcome.skipped ? 'left as is' : `rolled back to revision ${outcome.revision}`}.`;
      return { structured: { namespace, name, dry_run: true, message }, text: message };
    }
    const jobId = await startRolloutJob(ctx, 'rollback', { namespace, name, generation: outcome.generation });
    const message = `${namespace}/${name} ${what}. Poll get_job_status with job_id ${jobId}.`;
    return {
      structured: { namespace, name, dry_run: false, job_id: jobId, generation: outcome.generation, message },
      text: message,
    };
  },
});
