/** Input and output fields several k8s tools share. */
import { ERROR_CODES, OUTCOMES, quotaExceededError, type ToolContext, ToolError } from '@bulkhead/core';
import { z } from 'zod';
import { namespaceField, workloadNameField } from '../domain/k8s-names.js';
import { assertNamespaceAllowed, isNamespaceAllowed } from '../domain/namespace-policy.js';
import type { K8sDeps } from './k8s-deps.js';
import type { rolloutSchema } from './rollout-jobs.js';

/** namespace + name of a Deployment. */
export const workloadShape = { namespace: namespaceField, name: workloadNameField };

/** The cursor of a paginated read: core's bounds, a shorter description. */
export const pageCursorField = z.string().min(1).max(1024).optional().describe('next_cursor of the previous page.');

/** The dry_run flag: the API server validates and defaults the change, nothing is persisted. */
export const dryRunField = z.boolean().optional().describe('Server-side dry run only.');

/** What every rollout-starting tool returns. */
export const rolloutResultSchema = z.looseObject({ message: z.string() });

/** The full shape of a rollout-starting tool's result (the listing shows only its key fields). */
export interface RolloutResult {
  namespace: string;
  name: string;
  dry_run: boolean;
  job_id?: string;
  generation?: number;
  message: string;
  rollout?: z.infer<typeof rolloutSchema>;
}

/** Refuses a namespace the policy forbids, before anything is sent. */
export function checkNamespace(deps: K8sDeps, namespace: string): void {
  assertNamespaceAllowed(deps.policy, namespace);
}

/** The code of every guard-rail refusal of a mutation (DESIGN §9, issue 7): counted as a quota refusal in /metrics. */
export const GUARD_RAIL_CODE = 'QUOTA_EXCEEDED';

/** The window of the per-principal mutation budget: one UTC day. */
export const MUTATION_BUDGET_WINDOW_MS = 86_400_000;

/**
 * Refuses a change to a namespace outside the policy (outside K8S_ALLOWED_NAMESPACES, or in
 * K8S_DENIED_NAMESPACES) with QUOTA_EXCEEDED, before anything is sent. Reads of such a namespace are
 * PERMISSION_DENIED ({@link checkNamespace}); see the README for why the two differ.
 */
export function checkMutationNamespace(deps: K8sDeps, namespace: string): void {
  if (isNamespaceAllowed(deps.policy, namespace)) return;
  const { allowed, denied } = deps.policy;
  const why = denied.includes(namespace) ? 'is on its deny list' : 'is not on its allow list';
  const where =
    allowed.length > 0
      ? `changes are allowed only in: ${allowed
          .filter((ns) => !denied.includes(ns))
          .slice(0, 10)
          .join(', ')}`
      : 'choose another namespace';
  throw new ToolError(
    GUARD_RAIL_CODE,
    `Namespace "${namespace}" ${why} for changes (a guard rail of this server); ${where}. Nothing was sent; waiting will not help, ask an operator to change K8S_ALLOWED_NAMESPACES / K8S_DENIED_NAMESPACES.`,
    { retryable: false, details: { field: 'namespace', guard_rail: 'namespace_policy' } },
  );
}

/** Refuses replicas above the configured cap (K8S_MAX_REPLICAS) with QUOTA_EXCEEDED, before anything is sent. */
export function checkReplicas(deps: K8sDeps, replicas: number): void {
  if (replicas <= deps.maxReplicas) return;
  throw new ToolError(
    GUARD_RAIL_CODE,
    `${replicas} replicas is above this server's cap of ${deps.maxReplicas} replicas per Deployment (K8S_MAX_REPLICAS); nothing was sent. Ask for at most ${deps.maxReplicas} "replicas", or ask an operator to raise the cap.`,
    {
      retryable: false,
      details: { field: 'replicas', guard_rail: 'max_replicas', limit: deps.maxReplicas, requested: replicas },
    },
  );
}

/**
 * Counts one mutation against the caller's daily budget (K8S_MUTATIONS_PER_DAY; 0 = no budget) in core's
 * quota counter, which Redis shares across replicas. Called after every input check and right before the first
 * API request; dry runs and idempotent replays (answered by core without running the handler) are not counted.
 * Fails closed when the counter cannot be reached.
 */
export async function consumeMutationBudget(ctx: ToolContext<K8sDeps>, dryRun: boolean): Promise<void> {
  const limit = ctx.deps.mutationsPerDay;
  if (limit <= 0 || dryRun) return;
  let decision: Awaited<ReturnType<typeof ctx.quotas.consume>>;
  try {
    decision = await ctx.quotas.consume(`k8s-mutations:${ctx.principal}`, 1, limit, MUTATION_BUDGET_WINDOW_MS);
  } catch (error) {
    throw new ToolError(
      ERROR_CODES.DEPENDENCY_UNAVAILABLE,
      'The daily change budget cannot be checked right now, so nothing was sent; retry with the same request_id shortly.',
      { retryable: true, retryAfterMs: 1000, outcome: OUTCOMES.NOT_EXECUTED, cause: error },
    );
  }
  if (!decision.allowed) throw quotaExceededError('daily Kubernetes change', decision, limit);
}
