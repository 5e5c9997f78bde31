/** Fault test: a private redis-server is killed and restarted; calls fail fast, then work again on the same client. */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isToolError } from '../errors/tool-error.js';
import { runIdempotently } from '../idempotency/run-idempotently.js';
import { freePort, REDIS_SERVER, startRedis, stopRedis } from '../test-support/private-redis.js';
import { captureLogger } from '../testing/capture-logger.js';
import { RedisCancellationRelay } from './redis-cancellation-relay.js';
import { createRedisClient, redisHealth, waitForRedisReady } from './redis-client.js';
import { RedisIdempotencyStore } from './redis-idempotency-store.js';

const available = existsSync(REDIS_SERVER);
if (!available) {
  if (process.env.CI === 'true') throw new Error(`${REDIS_SERVER} is missing; CI requires it for the outage test`);
  process.stderr.write(`\n[redis] ${REDIS_SERVER} is missing; SKIPPING the Redis outage test.\n`);
}

function fail(): never {
  throw new Error('client not created');
}

/** Runs `call` and reports whether it rejected and how long that took. */
async function timed(call: () => Promise<unknown>): Promise<{ rejected: boolean; ms: number }> {
  const started = performance.now();
  const rejected = await call().then(
    () => false,
    () => true,
  );
  return { rejected, ms: performance.now() - started };
}

describe.skipIf(!available)('a Redis outage', () => {
  let port = 0;
  let server: ChildProcess | undefined;
  let client: Redis | undefined;
  let store: RedisIdempotencyStore | undefined;
  const { logger, lines } = captureLogger();
  const current = () => ({ client: client ?? fail(), store: store ?? fail() });

  beforeAll(async () => {
    port = await freePort();
    server = await startRedis(port);
    client = createRedisClient(`redis://127.0.0.1:${port}`, { logger });
    await waitForRedisReady(client);
    store = new RedisIdempotencyStore(client);
  });
  afterAll(async () => {
    if (server?.pid !== undefined && server.exitCode === null) process.kill(server.pid, 'SIGCONT');
    client?.disconnect();
    await stopRedis(server);
  });

  it('fails claims fast while Redis is down and recovers on the same client when it is back', async () => {
    expect(await current().store.claim('outage:before', 'fp', 10_000)).toMatchObject({ status: 'claimed' });
    expect(redisHealth(current().client)).toBe('ok');

    await stopRedis(server);
    const down = await timed(() => current().store.claim('outage:during', 'fp', 10_000));
    expect(down.rejected).toBe(true);
    expect(down.ms).toBeLessThan(1500);
    // The socket may end a moment before ioredis processes its close and leaves 'ready'.
    await vi.waitFor(() => expect(redisHealth(current().client)).toBe('degraded'), { timeout: 200, interval: 5 });

    // Through the idempotency wrapper, the outage is DEPENDENCY_UNAVAILABLE with nothing executed.
    let executed = false;
    const wrapped = await runIdempotently({
      store: current().store,
      key: 'outage:wrapped',
      requestId: 'req-00000001',
      args: {},
      leaseMs: 10_000,
      retentionMs: 60_000,
      logger,
      execute: async () => {
        executed = true;
        return { content: [] };
      },
      renderFailure: () => ({ content: [] }),
    }).catch((error: unknown) => error);
    expect(isToolError(wrapped) && wrapped.code === 'DEPENDENCY_UNAVAILABLE' && wrapped.outcome).toBe('not_executed');
    expect(executed).toBe(false);

    await sleep(500); // several reconnection attempts fail, yet the outage is logged once
    server = await startRedis(port);
    const restarted = performance.now();
    let recovered: Awaited<ReturnType<RedisIdempotencyStore['claim']>> | undefined;
    while (recovered === undefined && performance.now() - restarted < 2000) {
      recovered = await current()
        .store.claim('outage:after', 'fp', 10_000)
        .catch(() => undefined);
      if (recovered === undefined) await sleep(50);
    }
    const recoveredMs = performance.now() - restarted;
    expect(recovered).toMatchObject({ status: 'claimed' });
    expect(redisHealth(current().client)).toBe('ok');
    const messages = lines.map((line) => line.msg);
    expect(
      messages.filter((msg) => msg === 'redis unavailable; calls that need it fail fast until it is back'),
    ).toHaveLength(1);
    expect(messages).toContain('redis connection restored');
    process.stderr.write(
      `[redis outage] killed: claim rejected after ${down.ms.toFixed(1)} ms; restarted: claim ok after ${recoveredMs.toFixed(0)} ms\n`,
    );
  });

  it('fails claims within the command timeout while Redis hangs, and works again when it resumes', async () => {
    const pid = server?.pid ?? fail();
    process.kill(pid, 'SIGSTOP');
    const hung = await timed(() => current().store.claim('outage:hung', 'fp', 10_000));
    process.kill(pid, 'SIGCONT');
    expect(hung.rejected).toBe(true);
    expect(hung.ms).toBeLessThan(1500);
    const resumed = await vi.waitFor(() => current().store.claim('outage:resumed', 'fp', 10_000), { timeout: 2000 });
    expect(resumed).toMatchObject({ status: 'claimed' });
    process.stderr.write(`[redis outage] hung: claim rejected after ${hung.ms.toFixed(1)} ms\n`);
  });

  it('relays cancellations again once Redis is back, on the same connections', async () => {
    const url = `redis://127.0.0.1:${port}`;
    const connections = [1, 2, 3, 4].map(() => createRedisClient(url, { logger }));
    await Promise.all(connections.map((c) => waitForRedisReady(c)));
    const [pubA, subA, pubB, subB] = connections;
    if (!pubA || !subA || !pubB || !subB) throw new Error('connections missing');
    const relayA = new RedisCancellationRelay(pubA, subA, { logger });
    const relayB = new RedisCancellationRelay(pubB, subB, { logger });
    try {
      await Promise.all([relayA.ready(), relayB.ready()]);
      await stopRedis(server);
      const local = new AbortController();
      relayB.register('alice', 'local-call', local);
      const during = await timed(() => relayB.publishCancel('alice', 'local-call'));
      expect(during).toMatchObject({ rejected: false });
      expect(during.ms).toBeLessThan(1500);
      expect(local.signal.aborted).toBe(true);

      server = await startRedis(port);
      const restarted = performance.now();
      let attempt = 0;
      let remote = new AbortController();
      while (!remote.signal.aborted && performance.now() - restarted < 2000) {
        attempt += 1;
        remote = new AbortController();
        relayA.register('alice', attempt, remote);
        await relayB.publishCancel('alice', attempt);
        await sleep(50);
      }
      expect(remote.signal.aborted).toBe(true);
      process.stderr.write(
        `[redis outage] relay: cancels cross replicas again ${(performance.now() - restarted).toFixed(0)} ms after restart\n`,
      );
    } finally {
      await Promise.all([relayA.close(), relayB.close()]);
      for (const c of connections) c.disconnect();
    }
  });
});
