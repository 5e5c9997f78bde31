/** get_logs against kube-sim: by Deployment and by pod, previous containers, grep, truncation and the cursor. */
import { callToolForTest } from '@bulkhead/core/testing';
import { DEMO_NAMESPACE, DEMO_WORKLOADS } from '@bulkhead/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimHarness, startSimHarness } from '../test-support/sim-harness.js';

interface Logs {
  pod: string;
  container: string;
  lines: string[];
  matched: number;
  truncated: boolean;
  next_cursor?: string;
}

let h: SimHarness;
beforeAll(async () => {
  h = await startSimHarness();
});
afterAll(async () => {
  await h?.close();
});

const logs = (args: Record<string, unknown>) =>
  callToolForTest<Logs>(h.connection.client, 'get_logs', { namespace: DEMO_NAMESPACE, ...args });

describe('get_logs', () => {
  it('reads the crashed container of a Deployment with previous=true', async () => {
    const outcome = await logs({ name: DEMO_WORKLOADS.crashLoop, previous: true });
    expect(outcome.isError, outcome.text).toBe(false);
    expect(outcome.structured?.lines).toContain('Error: missing required environment variable DATABASE_URL');
  });

  it('cuts pages on whole lines at max_bytes and reads on with the cursor, every line once', async () => {
    const full = await logs({ name: DEMO_WORKLOADS.healthy, max_bytes: 65536 });
    const pod = full.structured?.pod ?? '';
    const all = full.structured?.lines ?? [];
    expect(all.length).toBeGreaterThan(10);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await logs({ pod, max_bytes: 256, ...(cursor ? { cursor } : {}) });
      expect(page.isError, page.text).toBe(false);
      expect(Buffer.byteLength(page.structured?.lines.join('\n') ?? '')).toBeLessThanOrEqual(256);
      if (page.structured?.next_cursor) expect(page.text).toContain('call again with cursor');
      seen.push(...(page.structured?.lines ?? []));
      cursor = page.structured?.next_cursor;
      pages += 1;
    } while (cursor && pages < 50);
    expect(pages).toBeGreaterThan(2);
    expect(seen).toEqual(all);
  });

  it('greps case-insensitively and tails', async () => {
    const grep = await logs({ name: DEMO_WORKLOADS.healthy, grep: 'REQUEST SERVED', tail_lines: 5 });
    expect(grep.structured?.lines.length).toBeGreaterThan(0);
    expect(grep.structured?.lines.every((l) => l.includes('request served'))).toBe(true);
    expect(grep.structured?.lines.length).toBeLessThanOrEqual(5);
  });

  it('an unknown pod is NOT_FOUND', async () => {
    expect((await logs({ pod: 'nope-123' })).error?.code).toBe('NOT_FOUND');
  });
});
