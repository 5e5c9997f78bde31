/** Tests of LruMemo: hits and misses, least-recently-used eviction, and never caching thrown errors. */
import { describe, expect, it } from 'vitest';
import { LruMemo } from './lru-memo.js';

function counting(memo: LruMemo<string>, calls: string[]) {
  return (key: string) =>
    memo.getOrCompute(key, () => {
      calls.push(key);
      return key.toUpperCase();
    });
}

describe('LruMemo', () => {
  it('computes once per key and counts hits and misses', () => {
    const memo = new LruMemo<string>(3);
    const calls: string[] = [];
    const get = counting(memo, calls);
    expect(memo.stats()).toEqual({ hits: 0, misses: 0, size: 0, hitRate: 0 });
    expect(get('a')).toBe('A');
    expect(get('a')).toBe('A');
    expect(get('b')).toBe('B');
    expect(get('a')).toBe('A');
    expect(calls).toEqual(['a', 'b']);
    expect(memo.stats()).toEqual({ hits: 2, misses: 2, size: 2, hitRate: 0.5 });
  });

  it('evicts the least recently used entry, where a hit refreshes recency', () => {
    const memo = new LruMemo<string>(2);
    const calls: string[] = [];
    const get = counting(memo, calls);
    get('a');
    get('b');
    get('a');
    get('c');
    expect(memo.stats().size).toBe(2);
    get('a');
    get('b');
    expect(calls).toEqual(['a', 'b', 'c', 'b']);
    get('c');
    expect(calls).toEqual(['a', 'b', 'c', 'b', 'c']);
  });

  it('does not cache thrown errors', () => {
    const memo = new LruMemo<number>(2);
    let attempts = 0;
    const failing = () => {
      attempts += 1;
      throw new Error('boom');
    };
    expect(() => memo.getOrCompute('x', failing)).toThrow('boom');
    expect(() => memo.getOrCompute('x', failing)).toThrow('boom');
    expect(attempts).toBe(2);
    expect(memo.getOrCompute('x', () => 7)).toBe(7);
    expect(memo.getOrCompute('x', () => 8)).toBe(7);
    expect(memo.stats()).toEqual({ hits: 1, misses: 3, size: 1, hitRate: 0.25 });
  });

  it('caches falsy values and treats keys exactly', () => {
    const memo = new LruMemo<number | undefined>(5);
    expect(memo.getOrCompute('zero', () => 0)).toBe(0);
    expect(memo.getOrCompute('zero', () => 1)).toBe(0);
    expect(memo.getOrCompute('none', () => undefined)).toBeUndefined();
    expect(memo.getOrCompute('none', () => 2)).toBeUndefined();
    expect(memo.getOrCompute('__proto__', () => 3)).toBe(3);
    expect(memo.getOrCompute('Zero', () => 4)).toBe(4);
  });

  it('requires a positive integer capacity', () => {
    for (const size of [0, -1, 1.5, Number.NaN]) {
      expect(() => new LruMemo<number>(size)).toThrow(RangeError);
    }
    const single = new LruMemo<number>(1);
    single.getOrCompute('a', () => 1);
    single.getOrCompute('b', () => 2);
    expect(single.getOrCompute('a', () => 3)).toBe(3);
  });
});
