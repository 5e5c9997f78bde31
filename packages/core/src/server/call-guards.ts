/** The checks before a tool runs: load shedding, scopes and the per-principal rate limit. */
import type { AuthInfo } from '@modelcontextprotocol/server';
import { hasScopes, missingScopeError } from '../auth/scopes.js';
import { ERROR_CODES } from '../errors/error-codes.js';
import { ToolError } from '../errors/tool-error.js';
import type { Logger } from '../logging/logger.js';
import { rateLimitedError } from '../rate-limit/rate-limiter.js';
import type { ToolDefinition } from '../tools/define-tool.js';
import type { Runtime } from './runtime.js';

/** OVERLOADED when the process already runs its maximum of concurrent calls. */
export function overloadedError(runtime: Runtime): ToolError | undefined {
  if (runtime.inFlightCalls < runtime.maxConcurrentCalls) return undefined;
  return new ToolError(ERROR_CODES.OVERLOADED, 'The server is at capacity; retry shortly.', { retryAfterMs: 1000 });
}

/** Refuses a caller without the tool's scopes; nothing runs. */
export function enforceScopes(tool: string, needed: readonly string[], auth: AuthInfo | undefined): void {
  if (!hasScopes(auth, needed)) throw missingScopeError(tool, needed);
}

/**
 * Takes a token from the principal's bucket (the tool's own bucket when it declares one). When the limiter's
 * store is down the call goes ahead: mutating calls still fail closed at the idempotency store.
 */
export async function enforceRateLimit<Deps>(
  runtime: Runtime,
  tool: ToolDefinition<Deps>,
  principal: string,
  logger: Logger,
): Promise<void> {
  const limit = tool.rateLimit ?? runtime.defaultRateLimit;
  if (!limit) return;
  const key = tool.rateLimit ? `${runtime.serverName}:${principal}:${tool.name}` : `${runtime.serverName}:${principal}`;
  const decision = await runtime.rateLimiter.take(key, limit).catch((error: unknown) => {
    logger.warn({ err: error }, 'rate limiter unavailable; call not limited');
    return undefined;
  });
  if (decision && !decision.allowed) {
    runtime.metrics.rateLimited(tool.name);
    throw rateLimitedError(decision.retryAfterMs);
  }
}
