/** deploy_service: create or update a Deployment (and optionally its Service) by server-side apply. */
import { defineTool, type ToolContext, ToolError } from '@bulkhead/core';
import { z } from 'zod';
import { type ManifestKind, validateManifest } from '../adapters/openapi-documents.js';
import {
  type DeploySpec,
  deploymentManifest,
  manifestSchemaError,
  serviceManifest,
} from '../domain/deploy-manifest.js';
import { ENV_NAME, imageField, patternString, quantityField } from '../domain/k8s-names.js';
import type { Deployment } from '../domain/k8s-objects.js';
import type { K8sDeps } from './k8s-deps.js';
import { startRolloutJob, waitForJob } from './rollout-jobs.js';
import {
  checkMutationNamespace,
  checkReplicas,
  consumeMutationBudget,
  dryRunField,
  rolloutResultSchema,
  workloadShape,
} from './shared-fields.js';

const input = z.object({
  ...workloadShape,
  image: imageField,
  replicas: z.number().int().min(0).max(1000).default(1).describe('Default 1; capped by the server.'),
  env: z
    .array(
      z
        .object({
          name: patternString(128, ENV_NAME, 'must be a variable name such as LOG_LEVEL').describe('Variable name.'),
          value: z.string().max(4096).describe('Literal value.'),
        })
        .strict(),
    )
    .max(50)
    .optional()
    .describe('Env vars (replace the list).'),
  port: z.number().int().min(1).max(65535).optional().describe('Container port.'),
  resources: z
    .object({
      cpu_request: quantityField('CPU request').optional(),
      memory_request: quantityField('Memory request').optional(),
      cpu_limit: quantityField('CPU limit').optional(),
      memory_limit: quantityField('Memory limit').optional(),
    })
    .strict()
    .optional()
    .describe('Requests and limits.'),
  service: z.boolean().optional().describe('Also apply a ClusterIP Service on port.'),
  wait_seconds: z.number().int().min(0).max(25).optional().describe('Wait up to N s for the rollout.'),
  dry_run: dryRunField,
});

/** The deploy_service tool. */
export const deployServiceTool = defineTool({
  name: 'deploy_service',
  title: 'Deploy a service',
  description:
    'Create or update a Deployment (server-side apply) and optionally its Service. Returns a job_id for get_job_status.',
  kind: 'mutating',
  input,
  output: rolloutResultSchema,
  hints: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx: ToolContext<K8sDeps>) => {
    const { cluster } = ctx.deps;
    checkMutationNamespace(ctx.deps, args.namespace);
    checkReplicas(ctx.deps, args.replicas);
    if (args.service && args.port === undefined) {
      throw new ToolError(
        'INVALID_ARGUMENT',
        'Invalid argument "service": a Service needs "port". Example of a valid value: 8080.',
        { retryable: false },
      );
    }
    // Checked before anything is sent (even the read), then again with the live selector and container name.
    buildManifests(args, undefined);
    const dryRun = args.dry_run === true;
    await consumeMutationBudget(ctx, dryRun);
    const existing = await readIfExists(ctx, args.namespace, args.name);
    const manifests = buildManifests(args, existing);
    const applied = await cluster.applyDeployment(manifests.deployment, { dryRun }, ctx.signal);
    if (manifests.service) await cluster.applyService(manifests.service, { dryRun }, ctx.signal);
    const verb = existing ? 'updated' : 'created';
    const base = {
      namespace: args.namespace,
      name: args.name,
      dry_run: dryRun,
      generation: applied.metadata?.generation ?? 0,
    };
    if (dryRun) {
      const message = `Dry run passed: deployment ${args.namespace}/${args.name} would be ${verb} (image ${args.image}, ${args.replicas} replicas).`;
      return { structured: { ...base, message }, text: message };
    }
    const jobId = await startRolloutJob(ctx, 'deploy', { ...args, generation: base.generation });
    const waited = args.wait_seconds ? await waitForJob(ctx, jobId, args.wait_seconds * 1000) : undefined;
    const state = waited?.job.state ?? 'running';
    const message = `Deployment ${args.namespace}/${args.name} ${verb}; rollout ${state}. Poll get_job_status with job_id ${jobId}.`;
    return {
      structured: { ...base, job_id: jobId, message, ...(waited?.rollout ? { rollout: waited.rollout } : {}) },
      text: message,
    };
  },
});

/**
 * The Deployment (and Service) manifests, each validated against the Kubernetes OpenAPI schema: client-node's
 * typed calls drop unknown fields silently, so a manifest that does not match is refused here, naming the path.
 */
export function buildManifests(
  spec: DeploySpec & { service?: boolean | undefined },
  existing: Deployment | undefined,
): { deployment: Record<string, unknown>; service?: Record<string, unknown> } {
  const deployment = deploymentManifest(spec, existing);
  checkManifest('Deployment', deployment);
  if (!spec.service || spec.port === undefined) return { deployment };
  const selector = (deployment.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels;
  const service = serviceManifest(spec, spec.port, selector);
  checkManifest('Service', service);
  return { deployment, service };
}

function checkManifest(kind: ManifestKind, manifest: Record<string, unknown>): void {
  const violations = validateManifest(kind, manifest);
  if (violations.length > 0) throw manifestSchemaError(kind, violations);
}

async function readIfExists(
  ctx: ToolContext<K8sDeps>,
  namespace: string,
  name: string,
): Promise<Deployment | undefined> {
  try {
    return await ctx.deps.cluster.readDeployment(namespace, name, ctx.signal);
  } catch (error) {
    if (error instanceof ToolError && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}
