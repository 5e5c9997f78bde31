/** Wraps one mutating call in the idempotency contract of DESIGN §5: claim, execute, store or release. */
import { createHash } from 'node:crypto';
import type { CallToolResult } from '@modelcontextprotocol/server';
import { ERROR_CODES, OUTCOMES } from '../errors/error-codes.js';
import { isToolError, ToolError } from '../errors/tool-error.js';
import type { Logger } from '../logging/logger.js';
import type { IdempotencyOutcome } from '../observability/metrics.js';
import { canonicalHash } from '../util/canonical-json.js';
import type { IdempotencyStore } from './idempotency-store.js';

/** Where replay facts live in a result's `_meta`. */
export const IDEMPOTENCY_META_KEY = 'io.bulkhead/idempotency';

/** Arguments that never change what a call means, so they are left out of the fingerprint. */
const NON_SEMANTIC_ARGS = new Set(['request_id', 'dry_run', '_meta']);

/** SHA-256 over canonical JSON of the validated arguments without request_id, dry_run and _meta. */
export function argumentsFingerprint(args: Record<string, unknown>): string {
  const semantic = Object.fromEntries(Object.entries(args).filter(([k]) => !NON_SEMANTIC_ARGS.has(k)));
  return canonicalHash(semantic);
}

/** The dedup key: (server, tool, principal, request_id), hashed so principals cannot collide or leak. */
export function idempotencyKey(server: string, tool: string, principal: string, requestId: string): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([principal, requestId]))
    .digest('hex');
  return `bulkhead:idem:${server}:${tool}:${digest}`;
}

/** One idempotent execution. */
export interface IdempotentCall {
  store: IdempotencyStore;
  key: string;
  requestId: string;
  args: Record<string, unknown>;
  leaseMs: number;
  retentionMs: number;
  logger: Logger;
  /** Runs the effect; `takeover` when a previous owner's lease expired (reconcile before acting). */
  execute: (takeover: boolean) => Promise<CallToolResult>;
  /** Renders a deterministic failure so it can be stored and replayed. */
  renderFailure: (error: ToolError) => CallToolResult;
  /** Told how the call ended, for metrics. */
  onOutcome?: (outcome: IdempotencyOutcome) => void;
}

/** Claims the key and executes at most once; replays, refusals and store outages are answered per DESIGN §5. */
export async function runIdempotently(call: IdempotentCall): Promise<CallToolResult> {
  const fingerprint = argumentsFingerprint(call.args);
  const claim = await claimOrFail(call, fingerprint);
  if (claim.status !== 'claimed') call.onOutcome?.(claim.status === 'completed' ? 'replayed' : claim.status);
  switch (claim.status) {
    case 'completed':
      return markReplay(JSON.parse(claim.result) as CallToolResult, true);
    case 'in_progress':
      throw new ToolError(
        ERROR_CODES.IDEMPOTENCY_IN_PROGRESS,
        `A call with this request_id is still running; retry with the same request_id in ${claim.retryAfterMs} ms.`,
        { retryable: true, retryAfterMs: claim.retryAfterMs },
      );
    case 'mismatch':
      throw new ToolError(
        ERROR_CODES.IDEMPOTENCY_KEY_REUSED,
        'This request_id was already used with different arguments; use a new request_id for a different change.',
        { retryable: false },
      );
    case 'claimed':
      return executeClaimed(call, claim.fence, claim.takeover);
  }
}

async function executeClaimed(call: IdempotentCall, fence: number, takeover: boolean): Promise<CallToolResult> {
  let result: CallToolResult;
  try {
    result = await call.execute(takeover);
  } catch (error) {
    if (isToolError(error) && error.outcome === OUTCOMES.FAILED) {
      result = call.renderFailure(error);
    } else {
      if (isToolError(error) && error.outcome === OUTCOMES.NOT_EXECUTED) {
        await call.store.release(call.key, fence).catch((e: unknown) => call.logger.warn({ err: e }, 'release failed'));
      }
      // Unknown outcome: keep the lease; when it ends, the next retry takes over and reconciles.
      throw error;
    }
  }
  const stored = await call.store
    .complete(call.key, fence, JSON.stringify(result), call.retentionMs)
    .catch((e: unknown) => {
      call.logger.error({ err: e }, 'idempotency completion could not be stored');
      throw new ToolError(
        ERROR_CODES.DEPENDENCY_UNAVAILABLE,
        'The change was applied but its record could not be saved; retry with the same request_id to get its result.',
        { retryable: true, outcome: OUTCOMES.UNKNOWN, retryAfterMs: 1000 },
      );
    });
  call.onOutcome?.(stored ? 'executed' : 'fenced');
  if (!stored) {
    call.logger.warn({ fence }, 'late completion refused: another owner took over the lease');
    throw new ToolError(
      ERROR_CODES.CONFLICT,
      'This call outlived its idempotency lease and a retry took over; retry with the same request_id to get the final result.',
      { retryable: true, outcome: OUTCOMES.UNKNOWN },
    );
  }
  return markReplay(result, false);
}

async function claimOrFail(call: IdempotentCall, fingerprint: string) {
  try {
    return await call.store.claim(call.key, fingerprint, call.leaseMs);
  } catch (error) {
    call.onOutcome?.('store_unavailable');
    call.logger.error({ err: error }, 'idempotency store unavailable');
    throw new ToolError(
      ERROR_CODES.DEPENDENCY_UNAVAILABLE,
      'The idempotency store is unavailable, so nothing was changed; retry with the same request_id shortly.',
      { retryable: true, retryAfterMs: 1000, outcome: OUTCOMES.NOT_EXECUTED },
    );
  }
}

function markReplay(result: CallToolResult, replayed: boolean): CallToolResult {
  return { ...result, _meta: { ...result._meta, [IDEMPOTENCY_META_KEY]: { replayed } } };
}
