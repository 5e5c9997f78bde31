/** Test kit for Bulkhead servers: in-process clients, tool-call helpers, token counting, store contracts. */
export { callToolForTest, type ToolOutcome } from './call-tool.js';
export { captureLogger } from './capture-logger.js';
export { connectInProcess, type InProcessConnection } from './connect-in-process.js';
export { countTextTokens, countToolListTokens } from './count-tokens.js';
export { describeIdempotencyStoreContract } from './idempotency-store-contract.js';
export { toolErrorOf } from './tool-error-of.js';
export { findUnboundedInputs } from './unbounded-inputs.js';
