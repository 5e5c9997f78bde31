/** The dedup key includes the principal: one request_id from two principals is two executions, on Redis. */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { callTool } from '../server/call-tool.js';
import { createRuntime } from '../server/runtime.js';
import { ArrayEffectLog } from '../test-support/effect-log.js';
import { FIXTURE_TOOLS, type FixtureDeps } from '../test-support/fixture-server.js';
import { captureLogger } from '../testing/capture-logger.js';
import { RedisIdempotencyStore } from './redis-idempotency-store.js';
import { connectTestRedis, requireRedis } from './redis-test-support.js';

const redis = await requireRedis();

describe.skipIf(!redis.available)('idempotency scope on Redis', async () => {
  const client = redis.available ? await connectTestRedis() : undefined;
  afterAll(() => client?.disconnect());

  it('runs the same request_id once per principal, and replays within each', async () => {
    if (!client) throw new Error('no redis');
    const runtime = createRuntime('fixture', {
      logger: captureLogger().logger,
      idempotencyStore: new RedisIdempotencyStore(client),
    });
    const deps: FixtureDeps = { effects: new ArrayEffectLog(), effectDelayMs: 0 };
    const tool = FIXTURE_TOOLS.find((t) => t.name === 'record_effect');
    if (!tool) throw new Error('fixture tool missing');
    const args = { label: 'shared', request_id: `scope-${randomUUID()}` };
    const signal = new AbortController().signal;
    const call = (principal: string) => callTool(runtime, deps as never, tool, args, { principal, signal });
    const [alice, bob] = await Promise.all([call('alice'), call('bob')]);
    expect(alice.isError).toBeFalsy();
    expect(bob.isError).toBeFalsy();
    expect(
      deps.effects
        .all()
        .map((e) => e.principal)
        .sort(),
    ).toEqual(['alice', 'bob']);
    const aliceAgain = await call('alice');
    expect(aliceAgain._meta?.['io.bulkhead/idempotency']).toEqual({ replayed: true });
    expect(deps.effects.all()).toHaveLength(2);
  });
});
