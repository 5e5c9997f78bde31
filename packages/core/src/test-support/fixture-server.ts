/** A small server for core's own tests: one tool per behaviour the spine must handle. */
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { ToolError } from '../errors/tool-error.js';
import { jobStatusTool } from '../jobs/job-status-tool.js';
import { quotaExceededError } from '../quota/quota-counter.js';
import { composeServer } from '../server/compose-server.js';
import type { RuntimeOptions } from '../server/runtime.js';
import { defineTool, type ToolContext } from '../tools/define-tool.js';
import { ArrayEffectLog, type EffectLog } from './effect-log.js';

/** Counts real executions of the mutating fixture tool. */
export interface FixtureDeps {
  effects: EffectLog;
  /** Milliseconds the mutating tool waits before its effect. */
  effectDelayMs: number;
}

const read = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

const echo = defineTool({
  name: 'echo',
  title: 'Echo',
  description: 'Echo a message.',
  kind: 'read',
  input: z.object({
    message: z.string().max(100).describe('Text to echo.'),
    times: z.number().int().min(1).max(5).default(1).describe('Repetitions.'),
    mode: z.enum(['plain', 'shout']).default('plain').describe('How to echo.'),
  }),
  output: z.object({ echoed: z.string() }),
  hints: read,
  handler: async ({ message, times, mode }) => {
    const echoed = (mode === 'shout' ? message.toUpperCase() : message).repeat(times);
    return { structured: { echoed }, text: echoed };
  },
});

const slow = defineTool({
  name: 'slow',
  title: 'Slow',
  description: 'Wait, then answer; honours cancellation.',
  kind: 'read',
  input: z.object({ ms: z.number().int().min(0).max(60_000).describe('Milliseconds to wait.') }),
  output: z.object({ waited: z.number() }),
  hints: read,
  handler: async ({ ms }, { signal }) => {
    await sleep(ms, undefined, { signal });
    return { structured: { waited: ms } };
  },
});

const fail = defineTool({
  name: 'fail',
  title: 'Fail',
  description: 'Fail in a chosen way.',
  kind: 'read',
  input: z.object({ how: z.enum(['domain', 'unexpected', 'bad_output']).describe('Which failure.') }),
  output: z.object({ never: z.string() }),
  hints: read,
  handler: async ({ how }) => {
    if (how === 'domain') throw new ToolError('WIDGET_MISSING', 'Widget 7 does not exist; list widgets first.');
    if (how === 'unexpected') throw new Error('connect ECONNREFUSED db.internal:5432 password=hunter2');
    return { structured: { never: 42 } as unknown as { never: string } };
  },
});

const recordEffect = defineTool({
  name: 'record_effect',
  title: 'Record effect',
  description: 'Record one effect (mutating, idempotent by request_id).',
  kind: 'mutating',
  input: z.object({
    label: z.string().max(50).describe('What to record.'),
    outcome: z.enum(['ok', 'transient', 'business']).default('ok').describe('Force a failure mode.'),
    dry_run: z.boolean().default(false).describe('Preview only.'),
    hold_ms: z.number().int().min(0).max(30_000).default(0).describe('Wait this long after the effect.'),
  }),
  output: z.object({ label: z.string(), effect_number: z.number(), dry_run: z.boolean() }),
  hints: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  mutation: { leaseMs: 2_000, retentionMs: 60_000 },
  handler: async (args, { deps, principal, signal, idempotency }: ToolContext<FixtureDeps>) => {
    const { label, outcome, dry_run, hold_ms, request_id: requestId } = args as typeof args & { request_id: string };
    if (dry_run) return { structured: { label, effect_number: 0, dry_run } };
    if (outcome === 'transient') throw new ToolError('DEPENDENCY_UNAVAILABLE', 'Try again.');
    if (idempotency?.takeover) {
      // A previous owner's lease expired: reconcile with what it may already have done before acting.
      const done = deps.effects.all().findIndex((e) => e.requestId === requestId && e.principal === principal);
      if (done >= 0) return { structured: { label, effect_number: done + 1, dry_run } };
    }
    if (deps.effectDelayMs > 0) await sleep(deps.effectDelayMs, undefined, { signal });
    const effectNumber = deps.effects.append({ label, principal, requestId });
    if (hold_ms > 0) await sleep(hold_ms);
    if (outcome === 'business') {
      throw new ToolError('LIMIT_EXCEEDED', 'The limit is exceeded; ask for less.', { outcome: 'failed' });
    }
    return { structured: { label, effect_number: effectNumber, dry_run } };
  },
});

const startJob = defineTool({
  name: 'start_job',
  title: 'Start job',
  description: 'Start a job that reports progress every step and finishes after `steps` steps.',
  kind: 'mutating',
  input: z.object({
    steps: z.number().int().min(1).max(20).describe('Steps of 100 ms.'),
  }),
  output: z.object({ job_id: z.string() }),
  hints: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async ({ steps }, { jobs, principal, logger }) => {
    const { job_id } = await jobs.create({ kind: 'fixture', principal });
    void (async () => {
      for (let step = 1; step <= steps; step += 1) {
        await sleep(100);
        await jobs.update(job_id, { progress: step / steps, message: `step ${step} of ${steps}` });
      }
      await jobs.complete(job_id, JSON.stringify({ steps }));
    })().catch((error: unknown) => logger.error({ err: error }, 'fixture job failed'));
    return { structured: { job_id } };
  },
});

const spendBudget = defineTool({
  name: 'spend_budget',
  title: 'Spend budget',
  description: 'Spend from a per-principal daily budget of 100 units.',
  kind: 'mutating',
  input: z.object({ amount: z.number().int().min(1).max(1000).describe('Units to spend.') }),
  output: z.object({ used: z.number() }),
  hints: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  handler: async ({ amount }, { quotas, principal }) => {
    const decision = await quotas.consume(`spend:${principal}`, amount, 100, 24 * 60 * 60 * 1000);
    if (!decision.allowed) throw quotaExceededError('daily spend', decision, 100);
    return { structured: { used: decision.used } };
  },
});

/** The fixture's definition: every behaviour core must handle, one tool each. */
export const FIXTURE_TOOLS = [slow, echo, recordEffect, fail, startJob, spendBudget, jobStatusTool];

/** Composes the fixture server with fresh deps. */
export function createFixtureServer(
  runtime: RuntimeOptions = {},
  effectDelayMs = 0,
  effects: EffectLog = new ArrayEffectLog(),
) {
  const deps: FixtureDeps = { effects, effectDelayMs };
  const server = composeServer({ name: 'fixture', version: '0.0.0', tools: FIXTURE_TOOLS }, deps, runtime);
  return { server, deps };
}
