/** Rollout jobs: a core job record per write, whose progress is always re-read from the live Deployment. */
import { type JobView, type ToolContext, ToolError } from '@bulkhead/core';
import { z } from 'zod';
import { type RolloutProgress, rolloutProgress } from '../domain/rollout-progress.js';
import type { K8sDeps } from './k8s-deps.js';

/** Which Deployment and generation a job follows. */
export interface RolloutTarget {
  readonly namespace: string;
  readonly name: string;
  readonly generation: number;
}

// The target rides in every job message, so any replica can reconcile a job from the store alone.
const TARGET = /^\[([a-z0-9-]+)\/([a-z0-9-]+)@(\d+)\] /;

/** The live rollout facts returned beside a job. */
export const rolloutSchema = z.object({
  state: z.enum(['running', 'succeeded', 'failed']),
  progress: z.number(),
  message: z.string(),
  desired: z.number(),
  updated: z.number(),
  available: z.number(),
});

function tag(target: RolloutTarget, message: string): string {
  return `[${target.namespace}/${target.name}@${target.generation}] ${message}`;
}

/** The target a job message names, if any. */
export function parseTarget(message: string): RolloutTarget | undefined {
  const match = TARGET.exec(message);
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  return { namespace: match[1], name: match[2], generation: Number(match[3]) };
}

/** Starts a rollout job for a write that produced `target.generation`. */
export async function startRolloutJob(ctx: ToolContext<K8sDeps>, kind: string, target: RolloutTarget): Promise<string> {
  const { job_id } = await ctx.jobs.create({ kind, principal: ctx.principal });
  await ctx.jobs.update(job_id, { progress: 0, message: tag(target, 'submitted') });
  return job_id;
}

/** Reads the Deployment, records the progress on the job (completing or failing it) and returns both. */
export async function reconcileJob(
  ctx: ToolContext<K8sDeps>,
  job: JobView,
): Promise<{ job: JobView; rollout?: RolloutProgress }> {
  const target = parseTarget(job.message);
  if (job.state !== 'running' || !target) return { job };
  let rollout: RolloutProgress;
  try {
    const deployment = await ctx.deps.cluster.readDeployment(target.namespace, target.name, ctx.signal);
    rollout = rolloutProgress(deployment, target.generation);
  } catch (error) {
    if (error instanceof ToolError && error.code === 'NOT_FOUND') {
      await ctx.jobs.fail(job.job_id, {
        code: 'NOT_FOUND',
        message: `Deployment ${target.namespace}/${target.name} was deleted during the rollout.`,
      });
      return { job: (await ctx.jobs.read(job.job_id, ctx.principal)) ?? job };
    }
    throw error;
  }
  const message = tag(target, rollout.message);
  if (rollout.state === 'succeeded') {
    await ctx.jobs.complete(
      job.job_id,
      JSON.stringify({
        namespace: target.namespace,
        name: target.name,
        generation: target.generation,
        available: rollout.available,
      }),
    );
  } else if (rollout.state === 'failed') {
    await ctx.jobs.fail(job.job_id, {
      code: 'ROLLOUT_STUCK',
      message: `${message}; call diagnose_workload for the cause.`,
    });
  } else {
    await ctx.jobs.update(job.job_id, { progress: rollout.progress, message });
  }
  return { job: (await ctx.jobs.read(job.job_id, ctx.principal)) ?? job, rollout };
}

/** Polls the rollout until it is final or `waitMs` has passed (never past the call's own deadline). */
export async function waitForJob(
  ctx: ToolContext<K8sDeps>,
  jobId: string,
  waitMs: number,
): Promise<{ job: JobView; rollout?: RolloutProgress } | undefined> {
  const deadline = Date.now() + waitMs;
  let last: { job: JobView; rollout?: RolloutProgress } | undefined;
  while (true) {
    const job = await ctx.jobs.read(jobId, ctx.principal);
    if (!job) return undefined;
    last = await reconcileJob(ctx, job);
    if (last.job.state !== 'running' || Date.now() + ctx.deps.pollIntervalMs > deadline) return last;
    await sleep(ctx.deps.pollIntervalMs, ctx.signal);
  }
}

/** Waits `ms`, or rejects when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
