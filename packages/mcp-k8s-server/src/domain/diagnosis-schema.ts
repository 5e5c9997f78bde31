/** The shape of a diagnosis, as zod (it is also diagnose_workload's output schema). */
import { z } from 'zod';
import { CAUSE_KINDS } from './pod-problems.js';
import { WORKLOAD_HEALTH } from './workload-health.js';

/** A suggested next tool call. */
export const nextStepSchema = z.object({
  tool: z.string(),
  arguments: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  why: z.string(),
});

/** What diagnose_workload returns. */
export const diagnosisSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  health: z.enum(WORKLOAD_HEALTH),
  replicas: z.object({ desired: z.number(), ready: z.number(), updated: z.number(), available: z.number() }),
  revision: z.number().describe('Current (newest) revision.'),
  rollout_stuck: z.boolean(),
  root_cause: z.object({
    kind: z.enum(CAUSE_KINDS),
    summary: z.string(),
    pod: z.string().optional(),
    container: z.string().optional(),
    evidence: z.array(z.string()).describe('The lines that prove it: status, event or log lines.'),
  }),
  change: z
    .object({
      from_revision: z.number().describe('Last good revision.'),
      to_revision: z.number().describe('Failing revision.'),
      changes: z.array(z.object({ container: z.string(), field: z.string(), detail: z.string() })),
    })
    .optional(),
  events: z.array(
    z.object({ type: z.string(), reason: z.string(), object: z.string(), count: z.number(), message: z.string() }),
  ),
  log_tail: z
    .object({ pod: z.string(), container: z.string(), previous: z.boolean(), lines: z.array(z.string()) })
    .optional(),
  next_step: nextStepSchema.optional(),
  omitted: z
    .object({ events: z.number(), changes: z.number(), log_lines: z.number() })
    .optional()
    .describe('What the caps left out (the result is marked truncated).'),
});

/** The output schema diagnose_workload lists: its key fields; the rest passes through unlisted to save tokens. */
export const diagnosisOutputSchema = z.looseObject({
  root_cause: z.looseObject({ kind: z.string(), summary: z.string() }),
});

/** A diagnosis. */
export type Diagnosis = z.infer<typeof diagnosisSchema>;

/** A suggested next call. */
export type NextStep = z.infer<typeof nextStepSchema>;
