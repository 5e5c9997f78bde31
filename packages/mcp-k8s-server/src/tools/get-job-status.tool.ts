/** get_job_status: a rollout job's record, reconciled with the live Deployment status (the source of truth). */
import { defineTool, JOB_STATES, jobNotFoundError, type ToolContext } from '@bulkhead/core';
import { z } from 'zod';
import { patternString } from '../domain/k8s-names.js';
import type { K8sDeps } from './k8s-deps.js';
import { reconcileJob } from './rollout-jobs.js';

/** The get_job_status tool. */
export const getJobStatusTool = defineTool({
  name: 'get_job_status',
  title: 'Get job status',
  description:
    'Rollout progress of a job_id, read from the live Deployment. While running, call again in a few seconds.',
  kind: 'read',
  input: z.object({
    job_id: patternString(
      64,
      /^job_[A-Za-z0-9_-]{1,60}$/,
      'must be a job_id returned by a write, e.g. "job_3q2-7wVzR1mAx0bKcD9eFg"',
    ).describe('From the write that started it.'),
  }),
  output: z.looseObject({ state: z.enum(JOB_STATES) }),
  hints: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async ({ job_id }, ctx: ToolContext<K8sDeps>) => {
    const stored = await ctx.jobs.read(job_id, ctx.principal);
    if (!stored) throw jobNotFoundError();
    const { job, rollout } = await reconcileJob(ctx, stored);
    const text =
      job.state === 'failed'
        ? `Job ${job.job_id} (${job.kind}) failed: ${job.error?.message ?? job.message}`
        : `Job ${job.job_id} (${job.kind}) ${job.state}, ${Math.round(job.progress * 100)}%: ${job.message}`;
    return { structured: { ...job, ...(rollout ? { rollout } : {}) }, text };
  },
});
