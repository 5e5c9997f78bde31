/** What the calculator's tools share: the memo of pure results. */

import type { Logger } from '@bulkhead/core';
import { LruMemo } from '../domain/lru-memo.js';

/** How often (in lookups) the memo's hit rate is logged at info level. */
export const MEMO_REPORT_EVERY = 1000;

/** A computed value as the tools report it. */
export interface Computation {
  readonly result: string;
  readonly exact: boolean;
  readonly precision: number;
}

/** The calculator's dependencies; the memo holds only pure results, never request state. */
export interface CalculatorDeps {
  readonly memo: LruMemo<Computation>;
}

/** Default dependencies: a memo of 10,000 results. */
export function defaultCalculatorDeps(memoSize = 10_000): CalculatorDeps {
  return { memo: new LruMemo<Computation>(memoSize) };
}

/** Answers from the memo or computes; every lookup is logged at debug, the hit rate at info every 1,000. */
export function memoized(deps: CalculatorDeps, key: string, compute: () => Computation, logger: Logger): Computation {
  const before = deps.memo.stats().hits;
  const value = deps.memo.getOrCompute(key, compute);
  const stats = deps.memo.stats();
  logger.debug({ memo_hit: stats.hits > before }, 'calculator memo lookup');
  if ((stats.hits + stats.misses) % MEMO_REPORT_EVERY === 0) {
    logger.info(
      { memo_hits: stats.hits, memo_misses: stats.misses, memo_hit_rate: stats.hitRate, memo_size: stats.size },
      'calculator memo',
    );
  }
  return value;
}
