import { describe, expect, it } from 'vitest';
import { captureLogger } from '../testing/capture-logger.js';
import { readErrorEnvelope, toErrorResult } from './error-result.js';
import { ToolError } from './tool-error.js';

describe('toErrorResult', () => {
  const { logger } = captureLogger();

  it('always says "retry with the same request_id" for an unknown outcome', () => {
    const error = new ToolError('UPSTREAM_ERROR', 'The processor did not answer.', { outcome: 'unknown' });
    const result = toErrorResult(error, { correlationId: 'c1', requestId: 'req-12345678', logger });
    const text = (result.content[0] as { text: string }).text;
    expect(text).toContain('retry with the same request_id (req-12345678), never a new one');
    expect(readErrorEnvelope(result)).toMatchObject({
      outcome: 'unknown',
      request_id: 'req-12345678',
      retryable: true,
    });
  });

  it('defaults retryability by code', () => {
    const result = toErrorResult(new ToolError('RATE_LIMITED', 'Slow down.', { retryAfterMs: 250 }), {
      correlationId: 'c2',
      logger,
    });
    expect(readErrorEnvelope(result)).toMatchObject({ retryable: true, retry_after_ms: 250, outcome: 'not_executed' });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
  });

  it('never shows a non-ToolError message', () => {
    const result = toErrorResult(new TypeError('Cannot read properties of undefined (reading "rows") at pg.js:12'), {
      correlationId: 'c3',
      logger,
    });
    expect(JSON.stringify(result)).not.toContain('pg.js');
    expect(readErrorEnvelope(result)?.code).toBe('INTERNAL');
  });
});
