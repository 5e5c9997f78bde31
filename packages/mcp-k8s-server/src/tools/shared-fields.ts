/** Input and output fields several k8s tools share. */
import { ToolError } from '@bulkhead/core';
import { z } from 'zod';
import { namespaceField, workloadNameField } from '../domain/k8s-names.js';
import { assertNamespaceAllowed } from '../domain/namespace-policy.js';
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

/** Refuses replicas above the configured maximum, before anything is sent. */
export function checkReplicas(deps: K8sDeps, replicas: number): void {
  if (replicas > deps.maxReplicas) {
    throw new ToolError(
      'INVALID_ARGUMENT',
      `Invalid argument "replicas": must be ≤ ${deps.maxReplicas} on this server. Example of a valid value: ${Math.min(3, deps.maxReplicas)}.`,
      {
        retryable: false,
        details: { issues: [{ field: 'replicas', rule: 'too_big' }] },
      },
    );
  }
}
