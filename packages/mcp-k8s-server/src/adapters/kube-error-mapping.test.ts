/** The error mapping on the shapes client-node 2.x throws. */
import { ToolError } from '@bulkhead/core';
import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { mapKubeError } from './kube-error-mapping.js';

const status = (code: number, reason: string, message: string, details?: object) =>
  JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message, details });
const facts = { verb: 'patch', resource: 'deployments', namespace: 'demo', name: 'web', write: true };

function mapped(error: unknown): ToolError {
  const result = mapKubeError(error, facts);
  expect(result).toBeInstanceOf(ToolError);
  return result as ToolError;
}

describe('mapKubeError', () => {
  it('404 is NOT_FOUND', () => {
    expect(mapped(new ApiException(404, 'x', status(404, 'NotFound', 'not found'), {})).code).toBe('NOT_FOUND');
  });

  it('403 is PERMISSION_DENIED naming verb and resource', () => {
    const e = mapped(new ApiException(403, 'x', status(403, 'Forbidden', 'forbidden'), {}));
    expect(e.code).toBe('PERMISSION_DENIED');
    expect(e.message).toContain('patch deployments "web" in namespace demo');
    expect(e.details).toMatchObject({ verb: 'patch', resource: 'deployments' });
  });

  it('401 without a body is PERMISSION_DENIED about credentials', () => {
    expect(mapped(new ApiException(401, 'Unauthorized', undefined, {})).message).toContain('credentials');
  });

  it('422 is INVALID_ARGUMENT with the causes', () => {
    const body = status(422, 'Invalid', 'invalid', { causes: [{ field: 'spec.replicas', message: 'must be >= 0' }] });
    const e = mapped(new ApiException(422, 'x', body, {}));
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(e.message).toContain('spec.replicas: must be >= 0');
  });

  it('429 is RATE_LIMITED honouring Retry-After', () => {
    const e = mapped(new ApiException(429, 'x', status(429, 'TooManyRequests', 'slow down'), { 'retry-after': '3' }));
    expect(e).toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterMs: 3000 });
  });

  it('503 is a retryable UPSTREAM_ERROR whose outcome is unknown for writes', () => {
    expect(mapped(new ApiException(503, 'x', status(503, 'ServiceUnavailable', 'down'), {}))).toMatchObject({
      code: 'UPSTREAM_ERROR',
      retryable: true,
      outcome: 'unknown',
    });
  });

  it('connection refused is a retryable DEPENDENCY_UNAVAILABLE, not executed', () => {
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    });
    expect(mapped(refused)).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', retryable: true, outcome: 'not_executed' });
  });
});
