/** get_logs: a container's log by pod or by Deployment, with tail, since, grep, a byte cap and a cursor. */
import { defineTool, type ToolContext, ToolError, truncationNotice } from '@bulkhead/core';
import { z } from 'zod';
import { DNS1123_LABEL, namespaceField, patternString, podNameField, workloadNameField } from '../domain/k8s-names.js';
import { selectorString } from '../domain/k8s-objects.js';
import { pageLog } from '../domain/log-page.js';
import { podProblems } from '../domain/pod-problems.js';
import type { K8sDeps } from './k8s-deps.js';
import { checkNamespace, pageCursorField } from './shared-fields.js';

const FETCH_LIMIT_BYTES = 1_048_576;

/** The get_logs tool. */
export const getLogsTool = defineTool({
  name: 'get_logs',
  title: 'Get logs',
  description: "Log lines of a pod, or of a Deployment's most relevant pod (failing first); read on with next_cursor.",
  kind: 'read',
  input: z.object({
    namespace: namespaceField,
    name: workloadNameField.optional().describe('Deployment name (or give pod).'),
    pod: podNameField.optional().describe('Pod name (or give name).'),
    container: patternString(63, DNS1123_LABEL, 'must be a container name such as "app"')
      .optional()
      .describe('Default: the first.'),
    previous: z.boolean().optional().describe("The crashed container's log."),
    tail_lines: z.number().int().min(1).max(5000).default(200).describe('Last N lines.'),
    since_seconds: z.number().int().min(1).max(604800).optional().describe('Only the last N seconds.'),
    grep: z.string().min(1).max(200).optional().describe('Substring filter.'),
    max_bytes: z.number().int().min(256).max(65536).default(16384).describe('Page size cap.'),
    cursor: pageCursorField,
  }),
  output: z.looseObject({ lines: z.array(z.string()) }),
  hints: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx: ToolContext<K8sDeps>) => {
    const { cluster } = ctx.deps;
    checkNamespace(ctx.deps, args.namespace);
    if ((args.name === undefined) === (args.pod === undefined)) {
      throw new ToolError(
        'INVALID_ARGUMENT',
        'Give exactly one of "name" (a Deployment) or "pod". Example of a valid value: {"name": "web"}.',
        { retryable: false },
      );
    }
    const { cursor, max_bytes, ...filter } = args;
    const position = cursor === undefined ? undefined : readPosition(ctx.cursors.decode('get_logs', filter, cursor));
    const podName = position?.pod ?? args.pod ?? (await pickPod(ctx, args.namespace, args.name ?? ''));
    const pod = await cluster.readPod(args.namespace, podName, ctx.signal);
    const container = args.container ?? pod.spec?.containers[0]?.name ?? '';
    const text = await cluster.readLog(
      args.namespace,
      podName,
      {
        container,
        previous: args.previous,
        tailLines: args.tail_lines,
        sinceSeconds: args.since_seconds,
        limitBytes: FETCH_LIMIT_BYTES,
      },
      ctx.signal,
    );
    const page = pageLog(text, { grep: args.grep, offset: position?.offset ?? 0, maxBytes: max_bytes });
    const nextCursor =
      page.nextOffset === undefined
        ? undefined
        : ctx.cursors.encode('get_logs', filter, { pod: podName, offset: page.nextOffset });
    const notice = truncationNotice({
      omitted: page.remaining,
      unit: 'lines',
      nextCursor,
      narrowHint: 'grep, since_seconds, tail_lines',
    });
    // Cut by a cap: the byte budget of this page, a line over MAX_LINE_BYTES, or the 1 MiB fetch limit.
    const fetchCapped = Buffer.byteLength(text, 'utf8') >= FETCH_LIMIT_BYTES;
    const truncated = nextCursor !== undefined || page.cutLines > 0 || fetchCapped;
    const capNote = fetchCapped
      ? `Only the last ${FETCH_LIMIT_BYTES} bytes of the log were read; narrow with since_seconds or tail_lines.`
      : '';
    const header = `${podName}/${container}${args.previous ? ' (previous)' : ''}: ${page.lines.length} of ${page.matched} line(s)`;
    return {
      structured: {
        pod: podName,
        container,
        previous: args.previous === true,
        lines: page.lines,
        matched: page.matched,
        truncated,
        ...(nextCursor ? { next_cursor: nextCursor } : {}),
      },
      truncated,
      text: [header, ...page.lines, notice, capNote].filter((l) => l !== '').join('\n'),
    };
  },
});

function readPosition(value: unknown): { pod: string; offset: number } {
  const p = value as { pod?: unknown; offset?: unknown } | null;
  if (p && typeof p.pod === 'string' && typeof p.offset === 'number' && Number.isSafeInteger(p.offset) && p.offset >= 0)
    return { pod: p.pod, offset: p.offset };
  throw new ToolError('INVALID_CURSOR', 'This cursor is not valid for these logs; start again without cursor.', {
    retryable: false,
  });
}

/** The Deployment's pod to read: a failing one first, else the newest. */
async function pickPod(ctx: ToolContext<K8sDeps>, namespace: string, name: string): Promise<string> {
  const deployment = await ctx.deps.cluster.readDeployment(namespace, name, ctx.signal);
  const pods = await ctx.deps.cluster.listPods(namespace, selectorString(deployment.spec?.selector) ?? '', ctx.signal);
  const failing = pods.find((p) => podProblems(p).length > 0);
  const newest = [...pods].sort((a, b) =>
    String(b.metadata?.creationTimestamp ?? '').localeCompare(String(a.metadata?.creationTimestamp ?? '')),
  )[0];
  const chosen = failing ?? newest;
  if (!chosen?.metadata?.name)
    throw new ToolError('NOT_FOUND', `Deployment ${namespace}/${name} has no pods; check it with diagnose_workload.`, {
      retryable: false,
    });
  return chosen.metadata.name;
}
