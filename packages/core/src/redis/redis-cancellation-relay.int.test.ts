/** Two relays with their own connections stand in for two replicas: a cancel crosses, only for its principal. */
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisCancellationRelay } from './redis-cancellation-relay.js';
import { connectTestRedis, requireRedis, uniqueTestPrefix } from './redis-test-support.js';

const redis = await requireRedis();

/** Resolves when `signal` aborts, or rejects after `timeoutMs`. */
async function abortedWithin(signal: AbortSignal, timeoutMs: number): Promise<void> {
  if (!signal.aborted) await once(signal, 'abort', { signal: AbortSignal.timeout(timeoutMs) });
}

describe.skipIf(!redis.available)('RedisCancellationRelay on a real Redis', () => {
  const channel = `${uniqueTestPrefix()}cancel`;
  const connections: Redis[] = [];
  let relayA: RedisCancellationRelay;
  let relayB: RedisCancellationRelay;

  beforeAll(async () => {
    connections.push(...(await Promise.all([1, 2, 3, 4].map(() => connectTestRedis()))));
    const [pubA, subA, pubB, subB] = connections;
    if (!pubA || !subA || !pubB || !subB) throw new Error('connections missing');
    relayA = new RedisCancellationRelay(pubA, subA, { channel });
    relayB = new RedisCancellationRelay(pubB, subB, { channel });
    await Promise.all([relayA.ready(), relayB.ready()]);
  });
  afterAll(async () => {
    await Promise.all([relayA.close(), relayB.close()]);
    await Promise.all(connections.map((c) => c.quit()));
  });

  it('aborts a call registered on replica A within 200 ms of a cancel published on replica B', async () => {
    const controller = new AbortController();
    const unregister = relayA.register('alice', 42, controller);
    const started = performance.now();
    const relayed = relayB.publishCancel('alice', 42, 'stop');
    await once(controller.signal, 'abort', { signal: AbortSignal.timeout(200) });
    const ms = performance.now() - started;
    unregister();
    expect(await relayed).toBe(true);
    expect(controller.signal.reason).toMatchObject({ name: 'AbortError', message: 'stop' });
    expect(ms).toBeLessThan(200);
    process.stderr.write(`[cancel relay] aborted on replica A ${ms.toFixed(1)} ms after replica B published\n`);
  });

  it("never lets another principal's cancel, or another request id, abort a call", async () => {
    const controller = new AbortController();
    const unregister = relayA.register('alice', 'req-7', controller);
    await relayB.publishCancel('mallory', 'req-7');
    await relayB.publishCancel('alice', 'req-8');
    await relayB.publishCancel('alice', 7);
    await sleep(200);
    expect(controller.signal.aborted).toBe(false);
    unregister();
  });

  it('ignores malformed messages on the channel', async () => {
    const controller = new AbortController();
    const unregister = relayA.register('alice', 'req-9', controller);
    await connections[0]?.publish(channel, 'not json');
    await connections[0]?.publish(channel, JSON.stringify({ p: 'alice' }));
    await relayB.publishCancel('alice', 'req-9');
    await abortedWithin(controller.signal, 200);
    unregister();
  });

  it('does not abort a call after it unregistered', async () => {
    const controller = new AbortController();
    relayA.register('alice', 'req-10', controller)();
    await relayB.publishCancel('alice', 'req-10');
    await sleep(100);
    expect(controller.signal.aborted).toBe(false);
  });
});
