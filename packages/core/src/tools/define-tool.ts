/** defineTool: one tool's name, texts, strict schemas, hints and handler, checked at definition time. */
import type { z } from 'zod';
import type { JobStore } from '../jobs/job-store.js';
import type { Logger } from '../logging/logger.js';
import type { CursorCodec } from '../pagination/cursor-codec.js';
import type { QuotaCounter } from '../quota/quota-counter.js';
import type { RateLimit } from '../rate-limit/rate-limiter.js';
import { requestIdField } from './request-id.js';
import type { ToolHints } from './tool-annotations.js';

/** A tool's successful answer: structured data matching the output schema, plus optional text and content. */
export interface ToolResult<Out> {
  /** True when the result was cut to protect the context window (counted in metrics). */
  readonly truncated?: boolean;
  /** Validated against the output schema and sent as `structuredContent`. */
  readonly structured: Out;
  /** Concise markdown for the model; JSON of `structured` when omitted. */
  readonly text?: string;
  /** Extra content blocks (images, resource links) after the text. */
  readonly content?: readonly ExtraContent[];
}

/** A non-text content block a tool may add. */
export type ExtraContent =
  | { readonly type: 'image'; readonly data: string; readonly mimeType: string }
  | { readonly type: 'resource_link'; readonly uri: string; readonly name: string; readonly mimeType?: string };

/** What a handler gets besides its arguments. */
export interface ToolContext<Deps> {
  /** The server's dependencies, given to its factory (repositories, clients, clocks). */
  readonly deps: Deps;
  /** Aborts when the caller cancels, the stream closes, the deadline passes or the process shuts down. */
  readonly signal: AbortSignal;
  /** A child logger carrying the correlation id and tool name. */
  readonly logger: Logger;
  /** Ties the result to its log lines; also in the error envelope. */
  readonly correlationId: string;
  /** Who is calling: the authenticated subject over HTTP, `local` over stdio. */
  readonly principal: string;
  /** Signs and checks pagination cursors (bound to tool and filters, expiring). */
  readonly cursors: CursorCodec;
  /** Per-principal budgets for dangerous outcomes, shared by every replica (QUOTA_EXCEEDED). */
  readonly quotas: QuotaCounter;
  /** Where long-running work records its progress; readable from every replica with `get_job_status`. */
  readonly jobs: JobStore;
  /** For mutating tools: the derived idempotency facts; `takeover` means a previous owner's lease expired. */
  readonly idempotency?: { readonly key: string; readonly takeover: boolean };
}

/** Idempotency settings of a mutating tool. */
export interface MutationSettings {
  /** How long one execution may hold the key before a retry may take over (default 30 s). */
  readonly leaseMs?: number;
  /** How long a completed result is replayed (default 24 h). */
  readonly retentionMs?: number;
}

/** What a tool author writes. `kind: 'mutating'` adds the required `request_id` field and idempotency. */
export interface ToolSpec<In extends z.ZodObject, Out extends z.ZodObject, Deps> {
  /** snake_case, verb first: `issue_refund`, `diagnose_workload`. */
  readonly name: string;
  readonly title: string;
  /** When to use the tool and what it returns, for the model. */
  readonly description: string;
  readonly kind: 'read' | 'mutating';
  readonly input: In;
  readonly output: Out;
  readonly hints: ToolHints;
  readonly mutation?: MutationSettings;
  /** A per-principal bucket for this tool alone, instead of the server-wide default. */
  readonly rateLimit?: RateLimit;
  /** OAuth scopes a caller needs; the server's read or mutating scope when omitted. */
  readonly scopes?: readonly string[];
  readonly handler: (args: z.output<In>, ctx: ToolContext<Deps>) => Promise<ToolResult<z.output<Out>>>;
}

/** A defined tool, ready to be listed and called. Input includes `request_id` for mutating tools. */
export interface ToolDefinition<Deps = unknown> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly kind: 'read' | 'mutating';
  readonly input: z.ZodObject;
  readonly output: z.ZodObject;
  readonly hints: ToolHints;
  readonly mutation: Required<MutationSettings>;
  readonly rateLimit: RateLimit | undefined;
  readonly scopes: readonly string[] | undefined;
  readonly handler: (args: Record<string, unknown>, ctx: ToolContext<Deps>) => Promise<ToolResult<unknown>>;
}

const TOOL_NAME = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const DEFAULT_LEASE_MS = 30_000;
const DEFAULT_RETENTION_MS = 24 * 60 * 60 * 1000;

/** Defines a tool; throws at import time when the definition breaks a contract (names, hints, descriptions). */
export function defineTool<In extends z.ZodObject, Out extends z.ZodObject, Deps = unknown>(
  spec: ToolSpec<In, Out, Deps>,
): ToolDefinition<Deps> {
  if (!TOOL_NAME.test(spec.name)) throw new Error(`tool name "${spec.name}" must be snake_case`);
  if (spec.kind === 'mutating' && spec.hints.readOnlyHint) throw new Error(`${spec.name}: mutating but readOnlyHint`);
  if (spec.kind === 'read' && !spec.hints.readOnlyHint) throw new Error(`${spec.name}: read tool must be readOnlyHint`);
  if ('request_id' in spec.input.shape) throw new Error(`${spec.name}: request_id is added by kind: 'mutating'`);
  const input = spec.kind === 'mutating' ? spec.input.extend({ request_id: requestIdField }) : spec.input;
  assertDescribed(spec.name, input);
  return {
    name: spec.name,
    title: spec.title,
    description: spec.description,
    kind: spec.kind,
    input: input.strict(),
    output: spec.output,
    hints: spec.hints,
    mutation: {
      leaseMs: spec.mutation?.leaseMs ?? DEFAULT_LEASE_MS,
      retentionMs: spec.mutation?.retentionMs ?? DEFAULT_RETENTION_MS,
    },
    rateLimit: spec.rateLimit,
    scopes: spec.scopes,
    handler: spec.handler as ToolDefinition<Deps>['handler'],
  };
}

/** Every input field must carry a description: it is the model's only documentation. */
function assertDescribed(tool: string, input: z.ZodObject): void {
  for (const [field, schema] of Object.entries(input.shape)) {
    if (!(schema as z.ZodType).description) throw new Error(`${tool}: input field "${field}" needs .describe()`);
  }
}
