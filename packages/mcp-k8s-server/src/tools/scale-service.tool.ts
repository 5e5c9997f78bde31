/** scale_service: set a Deployment's replicas through its scale subresource, retrying on conflicts. */
import { defineTool, type ToolContext } from '@bulkhead/core';
import { z } from 'zod';
import { withConflictRetry } from './conflict-retry.js';
import type { K8sDeps } from './k8s-deps.js';
import { startRolloutJob } from './rollout-jobs.js';
import {
  checkMutationNamespace,
  checkReplicas,
  consumeMutationBudget,
  dryRunField,
  rolloutResultSchema,
  workloadShape,
} from './shared-fields.js';

/** The scale_service tool. */
export const scaleServiceTool = defineTool({
  name: 'scale_service',
  title: 'Scale a service',
  description: "Set a Deployment's replica count. Returns a job_id for get_job_status.",
  kind: 'mutating',
  input: z.object({
    ...workloadShape,
    replicas: z.number().int().min(0).max(1000).describe('Desired replicas.'),
    dry_run: dryRunField,
  }),
  output: rolloutResultSchema,
  hints: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async ({ namespace, name, replicas, dry_run }, ctx: ToolContext<K8sDeps>) => {
    const { cluster } = ctx.deps;
    checkMutationNamespace(ctx.deps, namespace);
    checkReplicas(ctx.deps, replicas);
    const dryRun = dry_run === true;
    await consumeMutationBudget(ctx, dryRun);
    const before = await withConflictRetry(ctx.signal, async () => {
      const scale = await cluster.readScale(namespace, name, ctx.signal);
      if (scale.replicas !== replicas)
        await cluster.replaceScale(
          namespace,
          name,
          { replicas, resourceVersion: scale.resourceVersion },
          dryRun,
          ctx.signal,
        );
      return scale.replicas;
    });
    const change = `from ${before} to ${replicas} replicas`;
    if (dryRun) {
      const message = `Dry run passed: ${namespace}/${name} would scale ${change}.`;
      return { structured: { namespace, name, dry_run: true, message }, text: message };
    }
    const generation = (await cluster.readDeployment(namespace, name, ctx.signal)).metadata?.generation ?? 0;
    const jobId = await startRolloutJob(ctx, 'scale', { namespace, name, generation });
    const message = `Scaling ${namespace}/${name} ${change}. Poll get_job_status with job_id ${jobId}.`;
    return { structured: { namespace, name, dry_run: false, job_id: jobId, generation, message }, text: message };
  },
});
