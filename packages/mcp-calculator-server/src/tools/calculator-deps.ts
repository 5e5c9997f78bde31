/** What the calculator's tools share: the memo of pure results. */
import { LruMemo } from '../domain/lru-memo.js';

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
