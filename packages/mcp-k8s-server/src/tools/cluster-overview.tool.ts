/** cluster_overview: node readiness, Deployment health counts per namespace and the top warnings, in one call. */
import { defineTool, type ToolContext, ToolError } from '@bulkhead/core';
import { z } from 'zod';
import { namespaceField } from '../domain/k8s-names.js';
import type { Deployment, KubeEvent } from '../domain/k8s-objects.js';
import { isNamespaceAllowed } from '../domain/namespace-policy.js';
import { countHealth, summarizeNodes, topWarnings } from '../domain/overview.js';
import { WORKLOAD_HEALTH } from '../domain/workload-health.js';
import type { K8sDeps } from './k8s-deps.js';
import { checkNamespace } from './shared-fields.js';

const MAX_NAMESPACES = 25;
const MAX_DEPLOYMENTS_PER_NAMESPACE = 500;
const MAX_EVENTS_PER_NAMESPACE = 200;
const MAX_WARNINGS = 10;

/** The cluster_overview tool. */
export const clusterOverviewTool = defineTool({
  name: 'cluster_overview',
  title: 'Cluster overview',
  description:
    'Start here: node readiness, Deployment health counts per namespace, and the top deduplicated warning events.',
  kind: 'read',
  input: z.object({
    namespaces: z.array(namespaceField).max(MAX_NAMESPACES).optional().describe('Only these; default all allowed.'),
  }),
  output: z.looseObject({ namespaces: z.array(z.looseObject({})) }),
  hints: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async ({ namespaces }, ctx: ToolContext<K8sDeps>) => {
    const { cluster, policy } = ctx.deps;
    for (const ns of namespaces ?? []) checkNamespace(ctx.deps, ns);
    const notes: string[] = [];
    let truncated = false;
    const nodes = await cluster
      .listNodes(ctx.signal)
      .then(summarizeNodes, (error: unknown) => optional(error, notes, 'nodes'));
    const chosen = (
      namespaces ?? (policy.allowed.length > 0 ? [...policy.allowed] : await cluster.listNamespaces(ctx.signal))
    )
      .filter((ns) => isNamespaceAllowed(policy, ns))
      .sort();
    if (chosen.length > MAX_NAMESPACES) {
      truncated = true;
      notes.push(`${chosen.length - MAX_NAMESPACES} more namespaces not shown; pass namespaces to choose.`);
    }
    const perNamespace = await Promise.all(
      chosen.slice(0, MAX_NAMESPACES).map(async (namespace) => {
        const [page, events] = await Promise.all([
          cluster.listDeployments(namespace, { limit: MAX_DEPLOYMENTS_PER_NAMESPACE }, ctx.signal),
          cluster
            .listEvents(namespace, 'type=Warning', MAX_EVENTS_PER_NAMESPACE, ctx.signal)
            .catch((error: unknown): KubeEvent[] => optional(error, notes, `events in ${namespace}`) ?? []),
        ]);
        if (page.continueToken) {
          truncated = true;
          notes.push(`${namespace}: only the first ${MAX_DEPLOYMENTS_PER_NAMESPACE} Deployments counted.`);
        }
        if (events.length >= MAX_EVENTS_PER_NAMESPACE) {
          truncated = true;
          notes.push(`${namespace}: only ${MAX_EVENTS_PER_NAMESPACE} warning events read.`);
        }
        return { namespace, deployments: page.items as Deployment[], events };
      }),
    );
    const rows = perNamespace.map((n) => ({
      namespace: n.namespace,
      deployments: n.deployments.length,
      health: countHealth(n.deployments),
    }));
    const groups = topWarnings(
      perNamespace.flatMap((n) => n.events),
      Number.POSITIVE_INFINITY,
    );
    const warnings = groups.slice(0, MAX_WARNINGS);
    if (groups.length > warnings.length) {
      truncated = true;
      notes.push(
        `${groups.length - warnings.length} more warning groups not shown; diagnose_workload reads one workload's events.`,
      );
    }
    const text = [
      nodes
        ? `Nodes: ${nodes.ready}/${nodes.total} ready${nodes.not_ready.length ? ` (not ready: ${nodes.not_ready.join(', ')})` : ''}.`
        : 'Nodes: not readable.',
      ...rows.map(
        (r) =>
          `${r.namespace}: ${r.deployments} deployments — ${
            WORKLOAD_HEALTH.filter((h) => r.health[h] > 0)
              .map((h) => `${r.health[h]} ${h}`)
              .join(', ') || 'none'
          }`,
      ),
      ...warnings.map(
        (w) => `⚠ ${w.namespace} ${w.reason} ×${w.count} (${w.objects} objects, e.g. ${w.example}): ${w.message}`,
      ),
      ...notes,
    ].join('\n');
    return {
      structured: {
        ...(nodes ? { nodes } : {}),
        namespaces: rows,
        warnings,
        notes,
        ...(truncated ? { truncated } : {}),
      },
      truncated,
      text,
    };
  },
});

/** A section the identity may not read is left out with a note; anything else fails the call. */
function optional(error: unknown, notes: string[], what: string): undefined {
  if (error instanceof ToolError && error.code === 'PERMISSION_DENIED') {
    notes.push(`${what}: not permitted for this server's identity.`);
    return undefined;
  }
  throw error;
}
