// Injected failures: the next N matching requests answer 429/500/503 with a Status body.

import { ApiError } from './status.js';

/** A fault rule as `KubeSim.injectFaults` takes it. */
export interface FaultSpec {
  status: 429 | 500 | 503;
  count: number;
  method?: string;
  pathIncludes?: string;
  retryAfterSeconds?: number;
}

const REASONS = { 429: 'TooManyRequests', 500: 'InternalError', 503: 'ServiceUnavailable' } as const;

/** Holds pending faults and consumes them as requests arrive. */
export class FaultInjector {
  private readonly rules: { spec: FaultSpec; left: number }[] = [];

  /** Add a rule. */
  add(spec: FaultSpec): void {
    this.rules.push({ spec, left: spec.count });
  }

  /** The error to answer with, if a rule matches this request (consuming one count). */
  take(method: string, path: string): ApiError | undefined {
    const rule = this.rules.find(
      (r) =>
        r.left > 0 &&
        (r.spec.method === undefined || r.spec.method.toUpperCase() === method.toUpperCase()) &&
        (r.spec.pathIncludes === undefined || path.includes(r.spec.pathIncludes)),
    );
    if (rule === undefined) return undefined;
    rule.left -= 1;
    const { status } = rule.spec;
    if (status === 429) {
      const retry = rule.spec.retryAfterSeconds ?? 1;
      return new ApiError(
        429,
        REASONS[429],
        'Too many requests, please try again later.',
        { retryAfterSeconds: retry },
        { 'Retry-After': String(retry) },
      );
    }
    const message =
      status === 500
        ? 'Internal error occurred: injected fault'
        : 'the server is currently unable to handle the request';
    const headers: Record<string, string> =
      rule.spec.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(rule.spec.retryAfterSeconds) };
    return new ApiError(status, REASONS[status], message, {}, headers);
  }
}
