/** list_workloads: compact Deployment rows with a health filter, keyset-paginated over the API's limit/continue. */
import { defineTool, pageSizeField, type ToolContext, ToolError } from '@bulkhead/core';
import { z } from 'zod';
import { namespaceField } from '../domain/k8s-names.js';
import { WORKLOAD_HEALTH } from '../domain/workload-health.js';
import { toWorkloadRow, type WorkloadRow } from '../domain/workload-row.js';
import type { K8sDeps } from './k8s-deps.js';
import { checkNamespace, pageCursorField } from './shared-fields.js';

const MAX_API_PAGES_PER_CALL = 20;

/** Where the next page starts: the API's continue token (none = the start) and how many of that API page were used. */
interface Position {
  c: string | null;
  s: number;
}

function readPosition(value: unknown): Position {
  const p = value as Partial<Position> | null;
  if (
    p &&
    (typeof p.c === 'string' || p.c === null) &&
    typeof p.s === 'number' &&
    Number.isSafeInteger(p.s) &&
    p.s >= 0
  )
    return { c: p.c, s: p.s };
  throw new ToolError('INVALID_CURSOR', 'This cursor is not valid for this list; start again without cursor.', {
    retryable: false,
  });
}

/** The list_workloads tool. */
export const listWorkloadsTool = defineTool({
  name: 'list_workloads',
  title: 'List workloads',
  description: 'Deployments of a namespace: name, ready/desired, image, revision, health; paginate with next_cursor.',
  kind: 'read',
  input: z.object({
    namespace: namespaceField,
    health: z.enum(WORKLOAD_HEALTH).optional().describe('Only rows with this health.'),
    limit: pageSizeField(50, 200),
    cursor: pageCursorField,
  }),
  output: z.object({
    rows: z.array(z.looseObject({})),
    next_cursor: z.string().optional(),
  }),
  hints: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async ({ namespace, health, limit, cursor }, ctx: ToolContext<K8sDeps>) => {
    checkNamespace(ctx.deps, namespace);
    const filter = { namespace, health: health ?? null };
    let position =
      cursor === undefined ? { c: null, s: 0 } : readPosition(ctx.cursors.decode('list_workloads', filter, cursor));
    const rows: WorkloadRow[] = [];
    let next: Position | undefined;
    let apiPages = 0;
    for (let calls = 0; ; calls += 1) {
      apiPages = calls + 1;
      const page = await ctx.deps.cluster.listDeployments(
        namespace,
        { limit, continueToken: position.c ?? undefined },
        ctx.signal,
      );
      let used = position.s;
      for (const deployment of page.items.slice(position.s)) {
        if (rows.length >= limit) break;
        used += 1;
        const row = toWorkloadRow(deployment);
        if (!health || row.health === health) rows.push(row);
      }
      if (used < page.items.length) next = { c: position.c, s: used };
      else if (page.continueToken) next = { c: page.continueToken, s: 0 };
      else next = undefined;
      if (!next || rows.length >= limit || calls + 1 >= MAX_API_PAGES_PER_CALL) break;
      position = next;
    }
    const nextCursor = next ? ctx.cursors.encode('list_workloads', filter, next) : undefined;
    const table = rows.map((r) => `${r.name}  ${r.ready}  ${r.health}  rev ${r.revision}  ${r.image}`).join('\n');
    // A short page because of the API-page cap (a sparse health filter), not because the caller's limit was met.
    const truncated = nextCursor !== undefined && rows.length < limit && apiPages >= MAX_API_PAGES_PER_CALL;
    const more = nextCursor
      ? `\n… ${truncated ? `stopped after ${MAX_API_PAGES_PER_CALL} API pages; ` : ''}more rows; call again with cursor ${JSON.stringify(nextCursor)} to read on.`
      : '';
    return {
      truncated,
      structured: { rows, ...(nextCursor ? { next_cursor: nextCursor } : {}) },
      text: `${rows.length} workload(s) in ${namespace}${health ? ` with health ${health}` : ''}:\n${table}${more}`,
    };
  },
});
