/** Maps what client-node throws (ApiException with a JSON-string Status body, fetch failures) onto the error contract. */
import { OUTCOMES, type Outcome, ToolError } from '@bulkhead/core';

/** What the failed call was doing, for the sentence the model reads. */
export interface KubeCallFacts {
  /** The Kubernetes verb: get, list, patch, update, create. */
  readonly verb: string;
  /** The resource (plural, with subresource): deployments, pods/log, deployments/scale. */
  readonly resource: string;
  readonly namespace?: string;
  readonly name?: string;
  /** Whether the call may have changed the cluster (a write). */
  readonly write?: boolean;
}

/** A parsed metav1.Status. */
interface KubeStatus {
  message?: string;
  reason?: string;
  details?: { causes?: Array<{ field?: string; message?: string; reason?: string }>; retryAfterSeconds?: number };
}

/** The parts of client-node's ApiException the mapping reads. */
interface ApiExceptionLike {
  code: number;
  body?: unknown;
  headers?: Record<string, string>;
}

function isApiException(error: unknown): error is ApiExceptionLike {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'number';
}

/** Parses the Status body (a JSON string in client-node 2.x; absent on 401). */
export function parseStatusBody(body: unknown): KubeStatus | undefined {
  if (typeof body === 'string') {
    try {
      const parsed: unknown = JSON.parse(body);
      return parsed !== null && typeof parsed === 'object' ? (parsed as KubeStatus) : undefined;
    } catch {
      return undefined;
    }
  }
  return body !== null && typeof body === 'object' ? (body as KubeStatus) : undefined;
}

/** The fetch failure's system error code (ECONNREFUSED, ENOTFOUND, ...), if any. */
export function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function target(facts: KubeCallFacts): string {
  const ns = facts.namespace ? ` in namespace ${facts.namespace}` : '';
  return `${facts.resource}${facts.name ? ` "${facts.name}"` : ''}${ns}`;
}

/** Turns anything a Kubernetes call threw into a ToolError (aborts are rethrown for core to map). */
export function mapKubeError(error: unknown, facts: KubeCallFacts): unknown {
  if (error instanceof ToolError) return error;
  const unknownOutcome: Outcome = facts.write ? OUTCOMES.UNKNOWN : OUTCOMES.NOT_EXECUTED;
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    if (error.name === 'TimeoutError') {
      return new ToolError(
        'UPSTREAM_ERROR',
        `The Kubernetes API did not answer ${facts.verb} ${target(facts)} in time; retry shortly.`,
        {
          retryable: true,
          outcome: unknownOutcome,
          cause: error,
        },
      );
    }
    return error;
  }
  if (!isApiException(error)) {
    const code = networkCode(error);
    return new ToolError(
      'DEPENDENCY_UNAVAILABLE',
      `The Kubernetes API server is unreachable${code ? ` (${code})` : ''}; retry shortly or check the cluster connection.`,
      {
        retryable: true,
        retryAfterMs: 2000,
        outcome: code === 'ECONNREFUSED' ? OUTCOMES.NOT_EXECUTED : unknownOutcome,
        cause: error,
      },
    );
  }
  return mapStatus(error, facts, unknownOutcome);
}

function mapStatus(error: ApiExceptionLike, facts: KubeCallFacts, unknownOutcome: Outcome): ToolError {
  const status = parseStatusBody(error.body);
  const cause = { cause: error };
  switch (error.code) {
    case 401:
      return new ToolError(
        'PERMISSION_DENIED',
        "The Kubernetes API rejected this server's credentials (401); the kubeconfig or service-account token must be renewed.",
        { retryable: false, ...cause },
      );
    case 403:
      return new ToolError(
        'PERMISSION_DENIED',
        `This server's Kubernetes identity may not ${facts.verb} ${target(facts)}; grant that verb on that resource in its Role, or use a read-only tool.`,
        {
          retryable: false,
          details: {
            verb: facts.verb,
            resource: facts.resource,
            ...(facts.namespace ? { namespace: facts.namespace } : {}),
          },
          ...cause,
        },
      );
    case 404:
      return new ToolError(
        'NOT_FOUND',
        `${capitalize(target(facts))} was not found; check the name with list_workloads.`,
        { retryable: false, ...cause },
      );
    case 409:
      return new ToolError(
        'CONFLICT',
        `${capitalize(target(facts))} was changed by someone else at the same time; retry the call.`,
        { retryable: true, ...cause },
      );
    case 410:
      return new ToolError(
        'INVALID_CURSOR',
        'The listing this cursor continued has expired on the API server; start again without cursor.',
        { retryable: false, details: { field: 'cursor' }, ...cause },
      );
    case 400:
    case 422: {
      const causes = (status?.details?.causes ?? [])
        .slice(0, 5)
        .map((c) => `${c.field ?? '(object)'}: ${c.message ?? c.reason ?? 'invalid'}`);
      const why = causes.length > 0 ? causes.join('; ') : (status?.message ?? 'the request was invalid');
      return new ToolError(
        'INVALID_ARGUMENT',
        `The Kubernetes API rejected ${facts.verb} ${target(facts)}: ${clip(why)}. Fix the arguments and call again.`,
        {
          retryable: false,
          details: { causes },
          ...cause,
        },
      );
    }
    case 429: {
      const retryAfterMs = retryAfter(error, status);
      return new ToolError(
        'RATE_LIMITED',
        `The Kubernetes API is throttling requests; retry after ${Math.ceil(retryAfterMs / 1000)} s.`,
        {
          retryable: true,
          retryAfterMs,
          ...cause,
        },
      );
    }
    default:
      return new ToolError(
        'UPSTREAM_ERROR',
        `The Kubernetes API failed to ${facts.verb} ${target(facts)} (HTTP ${error.code}); retry shortly.`,
        {
          retryable: error.code >= 500,
          ...(error.code >= 500 ? { retryAfterMs: 1000 } : {}),
          outcome: unknownOutcome,
          ...cause,
        },
      );
  }
}

function retryAfter(error: ApiExceptionLike, status: KubeStatus | undefined): number {
  const header = error.headers?.['retry-after'] ?? error.headers?.['Retry-After'];
  const seconds = header !== undefined ? Number(header) : status?.details?.retryAfterSeconds;
  return seconds !== undefined && Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : 1000;
}

function capitalize(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function clip(text: string): string {
  return text.length <= 400 ? text : `${text.slice(0, 399)}…`;
}
