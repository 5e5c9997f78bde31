/** Two real server processes sharing one Redis: one effect fleet-wide, takeover after SIGKILL, jobs and cancels. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FileEffectLog } from '../test-support/effect-log.js';
import {
  buildFixtureBin,
  type FixtureProcess,
  type RpcResponse,
  startFixtureProcess,
  toolCall,
} from '../test-support/fixture-process.js';
import { freePort, startRedis, stopRedis } from '../test-support/private-redis.js';
import { connectTestRedis, requireRedis, TEST_REDIS_URL } from './redis-test-support.js';

const redis = await requireRedis();
const ERROR_KEY = 'io.bulkhead/error';
const IDEMPOTENCY_KEY = 'io.bulkhead/idempotency';

function errorCode(response: RpcResponse): string | undefined {
  return (response.result?._meta?.[ERROR_KEY] as { code?: string } | undefined)?.code;
}

function replayed(response: RpcResponse): boolean | undefined {
  return (response.result?._meta?.[IDEMPOTENCY_KEY] as { replayed?: boolean } | undefined)?.replayed;
}

describe.skipIf(!redis.available)('two replicas sharing Redis', () => {
  let replicas: FixtureProcess[] = [];
  let effects: FileEffectLog;

  beforeAll(async () => {
    await buildFixtureBin();
  }, 60_000);

  async function startReplicas(env: Record<string, string> = {}, url = TEST_REDIS_URL) {
    effects = new FileEffectLog(join(mkdtempSync(join(tmpdir(), 'bulkhead-effects-')), 'effects.jsonl'));
    const common = { REDIS_URL: url, EFFECT_LOG: effects.path, RATE_LIMIT_PER_SEC: '0', ...env };
    replicas = await Promise.all([startFixtureProcess(common), startFixtureProcess(common)]);
    return replicas;
  }

  afterEach(async () => {
    for (const replica of replicas) replica.kill('SIGKILL');
    await Promise.all(replicas.map((r) => r.exited));
    replicas = [];
  });

  it('executes 50 concurrent duplicates spread over both replicas exactly once, 20 times over', async () => {
    const [a, b] = await startReplicas({ EFFECT_DELAY_MS: '30' });
    if (!a || !b) throw new Error('replicas did not start');
    for (let round = 0; round < 20; round += 1) {
      const requestId = `round-${round}-${randomUUID()}`;
      const calls = Array.from({ length: 50 }, (_, i) =>
        (i % 2 === 0 ? a : b).rpc(toolCall(i, 'record_effect', { label: `r${round}`, request_id: requestId })),
      );
      const answers = await Promise.all(calls);
      expect(effects.all().filter((e) => e.requestId === requestId).length).toBeLessThanOrEqual(1);
      const executed = answers.filter((r) => replayed(r.message) === false);
      const replays = answers.filter((r) => replayed(r.message) === true);
      const inProgress = answers.filter((r) => errorCode(r.message) === 'IDEMPOTENCY_IN_PROGRESS');
      // On a starved machine two more answers are legitimate: a 2 s lease can expire mid-call (the retry that
      // takes over reconciles, the fenced owner answers CONFLICT, outcome unknown), and a Redis command can pass
      // its 500 ms fail-fast timeout (DEPENDENCY_UNAVAILABLE, outcome not_executed). Anything else is a bug.
      const fenced = answers.filter((r) => errorCode(r.message) === 'CONFLICT');
      const shed = answers.filter(
        (r) =>
          errorCode(r.message) === 'DEPENDENCY_UNAVAILABLE' &&
          (r.message.result?._meta?.[ERROR_KEY] as { outcome?: string } | undefined)?.outcome === 'not_executed',
      );
      const summary = JSON.stringify(answers.map((r) => errorCode(r.message) ?? replayed(r.message)));
      expect(executed.length, summary).toBeLessThanOrEqual(1);
      expect(executed.length + replays.length + inProgress.length + fenced.length + shed.length, summary).toBe(50);
      // Every replay is the stored result, byte for byte (only the JSON-RPC id differs per request).
      const bodies = new Set(replays.map((r) => JSON.stringify(r.message.result)));
      expect(bodies.size).toBeLessThanOrEqual(1);
      const later = await b.rpc(toolCall('again', 'record_effect', { label: `r${round}`, request_id: requestId }));
      expect(later.message.result?.structuredContent).toMatchObject({ effect_number: expect.any(Number) });
      if (executed[0])
        expect(later.message.result?.structuredContent).toEqual(executed[0].message.result?.structuredContent);
      expect(effects.all().filter((e) => e.requestId === requestId)).toHaveLength(1);
    }
  }, 60_000);

  it('takes over after the owner is SIGKILLed between the effect and its completion, and reconciles', async () => {
    const [a, b] = await startReplicas();
    if (!a || !b) throw new Error('replicas did not start');
    const requestId = `kill-${randomUUID()}`;
    const args = { label: 'k', hold_ms: 20_000, request_id: requestId };
    void a.rpc(toolCall(1, 'record_effect', args)).catch(() => undefined);
    await expect.poll(() => effects.all().filter((e) => e.requestId === requestId).length).toBe(1);
    a.kill('SIGKILL');
    await a.exited;
    const retryArgs = args; // an agent retries with the same arguments and request_id
    const early = await b.rpc(toolCall(2, 'record_effect', retryArgs));
    expect(errorCode(early.message)).toBe('IDEMPOTENCY_IN_PROGRESS');
    // The fixture's lease is 2 s: keep retrying as an agent would, honouring retry_after_ms.
    let answer = early;
    for (let attempt = 0; attempt < 20 && errorCode(answer.message) === 'IDEMPOTENCY_IN_PROGRESS'; attempt += 1) {
      const envelope = answer.message.result?._meta?.[ERROR_KEY] as { retry_after_ms?: number };
      await sleep(Math.min(envelope.retry_after_ms ?? 200, 1_000));
      answer = await b.rpc(toolCall(3 + attempt, 'record_effect', retryArgs));
    }
    expect(answer.message.result?.isError).toBeFalsy();
    expect(answer.message.result?.structuredContent).toMatchObject({ effect_number: 1 });
    expect(effects.all().filter((e) => e.requestId === requestId)).toHaveLength(1);
  }, 30_000);

  it("refuses a fenced owner's late completion: the retry that took over wins", async () => {
    const [a, b] = await startReplicas();
    if (!a || !b) throw new Error('replicas did not start');
    const requestId = `fence-${randomUUID()}`;
    const args = { label: 'f', hold_ms: 3_000, request_id: requestId };
    const slow = a.rpc(toolCall(1, 'record_effect', args));
    await expect.poll(() => effects.all().filter((e) => e.requestId === requestId).length).toBe(1);
    await sleep(2_300); // the 2 s lease has expired; the owner is still holding
    const takeover = await b.rpc(toolCall(2, 'record_effect', args));
    expect(takeover.message.result?.isError).toBeFalsy();
    const late = await slow;
    expect(errorCode(late.message)).toBe('CONFLICT');
    expect(late.message.result?._meta?.[ERROR_KEY]).toMatchObject({ outcome: 'unknown', retryable: true });
    const replay = await a.rpc(toolCall(3, 'record_effect', args));
    expect(replay.message.result?.structuredContent).toEqual(takeover.message.result?.structuredContent);
    expect(effects.all().filter((e) => e.requestId === requestId)).toHaveLength(1);
  }, 30_000);

  it('reads a job started on one replica from the other', async () => {
    const [a, b] = await startReplicas();
    if (!a || !b) throw new Error('replicas did not start');
    const started = await a.rpc(toolCall(1, 'start_job', { steps: 3, request_id: `job-${randomUUID()}` }));
    const jobId = started.message.result?.structuredContent?.job_id as string;
    expect(jobId).toMatch(/^job_/);
    const running = await b.rpc(toolCall(2, 'get_job_status', { job_id: jobId }));
    expect(running.message.result?.structuredContent).toMatchObject({ job_id: jobId, kind: 'fixture' });
    await expect
      .poll(
        async () => (await b.rpc(toolCall(3, 'get_job_status', { job_id: jobId }))).message.result?.structuredContent,
        {
          timeout: 5_000,
        },
      )
      .toMatchObject({ state: 'succeeded', progress: 1, result: '{"steps":3}' });
  });

  it('aborts a call on one replica when its old-era cancel arrives at the other', async () => {
    const [a, b] = await startReplicas();
    if (!a || !b) throw new Error('replicas did not start');
    const call = a.rpc(toolCall(4242, 'slow', { ms: 15_000 }));
    await sleep(300);
    const sent = performance.now();
    await b.rpc({ method: 'notifications/cancelled', params: { requestId: 4242, reason: 'user pressed stop' } });
    const answer = await call;
    const abortedAfterMs = performance.now() - sent;
    expect(errorCode(answer.message)).toBe('CANCELLED');
    // The bound: the handler on the first replica is aborted within 200 ms of the cancel.
    expect(abortedAfterMs).toBeLessThan(200);
  });

  it('does not let a cancel for another request id abort the call', async () => {
    const [a, b] = await startReplicas();
    if (!a || !b) throw new Error('replicas did not start');
    const call = a.rpc(toolCall(5001, 'slow', { ms: 600 }));
    await sleep(150);
    await b.rpc({ method: 'notifications/cancelled', params: { requestId: 5002 } });
    const answer = await call;
    expect(answer.message.result?.isError).toBeFalsy();
    expect(answer.message.result?.structuredContent).toEqual({ waited: 600 });
  });

  it('counts the rate limit across both replicas: 10/s with burst 20 over ~1.5 s', async () => {
    const [a, b] = await startReplicas({ RATE_LIMIT_PER_SEC: '10', RATE_LIMIT_BURST: '20' });
    if (!a || !b) throw new Error('replicas did not start');
    // Every fixture process is server "fixture" and principal "anonymous": start from a full bucket.
    const client = await connectTestRedis();
    await client.del('bulkhead:rate:fixture:anonymous');
    client.disconnect();
    // Bursts larger than the bucket drain it each time, so what is allowed is the burst plus the refill between
    // the first drain and the last arrival: bracketed by the bursts' start and end times, whatever the load.
    let allowed = 0;
    let limited = 0;
    let id = 0;
    let firstStart = 0;
    let firstEnd = 0;
    let lastStart = 0;
    let lastEnd = 0;
    for (let burst = 0; burst < 4; burst += 1) {
      if (burst > 0) await sleep(500);
      lastStart = performance.now();
      if (burst === 0) firstStart = lastStart;
      const calls = Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? a : b).rpc(toolCall(id + i, 'echo', { message: 'x' })),
      );
      id += 30;
      for (const r of await Promise.all(calls)) {
        if (errorCode(r.message) === 'RATE_LIMITED') limited += 1;
        else if (!r.message.result?.isError) allowed += 1;
      }
      lastEnd = performance.now();
      if (burst === 0) firstEnd = lastEnd;
    }
    expect(limited).toBeGreaterThan(0);
    expect(allowed).toBeGreaterThanOrEqual(Math.floor(20 + (10 * (lastStart - firstEnd)) / 1000) - 1);
    expect(allowed).toBeLessThanOrEqual(Math.ceil(20 + (10 * (lastEnd - firstStart)) / 1000) + 1);
  });

  it('holds a quota across both replicas: 60 + 60 of a budget of 100 refuses the second', async () => {
    const [a, b] = await startReplicas();
    if (!a || !b) throw new Error('replicas did not start');
    const client = await connectTestRedis();
    for (const key of await client.keys('bulkhead:quota:spend:anonymous:*')) await client.del(key);
    client.disconnect();
    const first = await a.rpc(toolCall(1, 'spend_budget', { amount: 60, request_id: `quota-a-${randomUUID()}` }));
    expect(first.message.result?.structuredContent).toEqual({ used: 60 });
    const second = await b.rpc(toolCall(2, 'spend_budget', { amount: 60, request_id: `quota-b-${randomUUID()}` }));
    expect(second.message.result?._meta?.[ERROR_KEY]).toMatchObject({ code: 'QUOTA_EXCEEDED', retryable: false });
    const fits = await b.rpc(toolCall(3, 'spend_budget', { amount: 40, request_id: `quota-c-${randomUUID()}` }));
    expect(fits.message.result?.structuredContent).toEqual({ used: 100 });
    const metrics = await (await fetch(new URL('/metrics', b.url))).text();
    expect(metrics).toMatch(/bulkhead_quota_refusals_total\{[^}]*tool="spend_budget"[^}]*\} 1/);
  });

  it('fails mutating calls closed within a second while Redis is down, keeps reads working, and recovers', async () => {
    const port = await freePort();
    let server = await startRedis(port);
    try {
      const [a] = await startReplicas({}, `redis://127.0.0.1:${port}`);
      if (!a) throw new Error('replica did not start');
      const ok = await a.rpc(toolCall(1, 'record_effect', { label: 'before', request_id: `up-${randomUUID()}` }));
      expect(ok.message.result?.isError).toBeFalsy();
      await stopRedis(server);
      const started = performance.now();
      const down = await a.rpc(toolCall(2, 'record_effect', { label: 'during', request_id: `down-${randomUUID()}` }));
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(down.message.result?._meta?.[ERROR_KEY]).toMatchObject({
        code: 'DEPENDENCY_UNAVAILABLE',
        outcome: 'not_executed',
      });
      expect(effects.all().filter((e) => e.label === 'during')).toHaveLength(0);
      const read = await a.rpc(toolCall(3, 'echo', { message: 'still reading' }));
      expect(read.message.result?.structuredContent).toEqual({ echoed: 'still reading' });
      const readiness = await fetch(new URL('/readyz', a.url));
      expect(await readiness.json()).toMatchObject({ status: 'degraded', dependencies: { redis: 'degraded' } });
      server = await startRedis(port);
      await expect
        .poll(
          async () =>
            (await a.rpc(toolCall(4, 'record_effect', { label: 'after', request_id: `back-${randomUUID()}` }))).message
              .result?.isError ?? false,
          { timeout: 5_000 },
        )
        .toBe(false);
    } finally {
      await stopRedis(server);
    }
  }, 30_000);
});

afterAll(() => {
  if (!redis.available) process.stderr.write('[redis] multi-replica tests skipped: Redis unreachable\n');
});
