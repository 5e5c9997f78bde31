/** restart_service: a rolling restart, as `kubectl rollout restart` does, converging on retries. */
import { createHash } from 'node:crypto';
import { defineTool, type ToolContext } from '@bulkhead/core';
import { z } from 'zod';
import type { K8sDeps } from './k8s-deps.js';
import { startRolloutJob } from './rollout-jobs.js';
import {
  checkMutationNamespace,
  consumeMutationBudget,
  dryRunField,
  rolloutResultSchema,
  workloadShape,
} from './shared-fields.js';

/** The annotation kubectl sets to restart a Deployment's pods. */
export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

/** Marks which request restarted the pods, so a retry of the same request does not restart them again. */
export const RESTART_REQUEST = 'bulkhead.io/restart-request';

/** The restart_service tool. */
export const restartServiceTool = defineTool({
  name: 'restart_service',
  title: 'Restart a service',
  description: "Rolling restart of a Deployment's pods. Returns a job_id for get_job_status.",
  kind: 'mutating',
  input: z.object({ ...workloadShape, dry_run: dryRunField }),
  output: rolloutResultSchema,
  hints: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async ({ namespace, name, dry_run }, ctx: ToolContext<K8sDeps>) => {
    const { cluster } = ctx.deps;
    checkMutationNamespace(ctx.deps, namespace);
    const dryRun = dry_run === true;
    await consumeMutationBudget(ctx, dryRun);
    const marker = createHash('sha256')
      .update(ctx.idempotency?.key ?? ctx.correlationId)
      .digest('hex')
      .slice(0, 32);
    const current = await cluster.readDeployment(namespace, name, ctx.signal);
    const already = current.spec?.template.metadata?.annotations?.[RESTART_REQUEST] === marker;
    const patched = already
      ? current
      : await cluster.patchDeployment(
          namespace,
          name,
          {
            spec: {
              template: {
                metadata: { annotations: { [RESTARTED_AT]: new Date().toISOString(), [RESTART_REQUEST]: marker } },
              },
            },
          },
          dryRun,
          ctx.signal,
        );
    if (dryRun) {
      const message = `Dry run passed: ${namespace}/${name} would restart its pods.`;
      return { structured: { namespace, name, dry_run: true, message }, text: message };
    }
    const generation = patched.metadata?.generation ?? 0;
    const jobId = await startRolloutJob(ctx, 'restart', { namespace, name, generation });
    const message = `Restarting ${namespace}/${name}. Poll get_job_status with job_id ${jobId}.`;
    return { structured: { namespace, name, dry_run: false, job_id: jobId, generation, message }, text: message };
  },
});
