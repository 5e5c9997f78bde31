/** @bulkhead/core: tools, the error contract, idempotency, pagination, content, logging and config. */

export { ALL_SCOPES, type Authenticator, noAuthentication, staticTokenAuthentication } from './auth/authenticator.js';
export { type JwtAuthenticationOptions, jwtAuthentication } from './auth/jwt-authentication.js';
export type { ServerScopes } from './auth/scopes.js';
export { type ConfigField, type ConfigOf, type ConfigSpec, defineConfig } from './config/config-schema.js';
export { ConfigInvalidError, parseConfig } from './config/parse-config.js';
export { integerSetting, listSetting } from './config/setting-schemas.js';
export { imageContent, markdownResult, structuredResult } from './content/content.js';
export { type CoreErrorCode, ERROR_CODES, type ErrorCode, OUTCOMES, type Outcome } from './errors/error-codes.js';
export { ERROR_META_KEY, type ErrorEnvelope, readErrorEnvelope } from './errors/error-result.js';
export { isToolError, ToolError, type ToolErrorOptions } from './errors/tool-error.js';
export type { ClaimResult, IdempotencyStore } from './idempotency/idempotency-store.js';
export { InMemoryIdempotencyStore } from './idempotency/in-memory-idempotency-store.js';
export { argumentsFingerprint, IDEMPOTENCY_META_KEY } from './idempotency/run-idempotently.js';
export { InMemoryJobStore } from './jobs/in-memory-job-store.js';
export { jobIdField, jobNotFoundError, jobStatusTool } from './jobs/job-status-tool.js';
export {
  type CreateJobInput,
  JOB_STATES,
  type JobError,
  type JobProgress,
  type JobState,
  type JobStore,
  type JobView,
} from './jobs/job-store.js';
export { createLogger, LOG_LEVELS, type Logger, type LogLevel } from './logging/logger.js';
export { createServerMetrics, type ServerMetrics } from './observability/metrics.js';
export { type CursorCodec, createCursorCodec, cursorField } from './pagination/cursor-codec.js';
export { pageSizeField, paginateArray } from './pagination/page.js';
export { DEFAULT_TEXT_BUDGET_BYTES, truncateRows, truncateText, truncationNotice } from './pagination/truncate.js';
export { InMemoryQuotaCounter } from './quota/in-memory-quota-counter.js';
export { type QuotaCounter, type QuotaDecision, quotaExceededError } from './quota/quota-counter.js';
export { InMemoryRateLimiter } from './rate-limit/in-memory-rate-limiter.js';
export {
  type RateLimit,
  type RateLimitDecision,
  type RateLimiter,
  rateLimitedError,
} from './rate-limit/rate-limiter.js';
export { type ComposedServer, composeServer, type ServerDefinition } from './server/compose-server.js';
export { createRuntime, type DependencyHealth, type Runtime, type RuntimeOptions } from './server/runtime.js';
export {
  defineTool,
  type ExtraContent,
  type MutationSettings,
  type ToolContext,
  type ToolDefinition,
  type ToolResult,
  type ToolSpec,
} from './tools/define-tool.js';
export { REQUEST_ID_PATTERN, requestIdField } from './tools/request-id.js';
export type { ToolHints } from './tools/tool-annotations.js';
export { type ListedTool, toLeanJsonSchema } from './tools/tool-listing.js';
export { canonicalHash, canonicalJson } from './util/canonical-json.js';
