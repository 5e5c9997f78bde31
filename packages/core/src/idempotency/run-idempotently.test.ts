import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureServer } from '../test-support/fixture-server.js';
import { callToolForTest } from '../testing/call-tool.js';
import { captureLogger } from '../testing/capture-logger.js';
import { connectInProcess, type InProcessConnection } from '../testing/connect-in-process.js';
import type { IdempotencyStore } from './idempotency-store.js';
import { InMemoryIdempotencyStore } from './in-memory-idempotency-store.js';
import { IDEMPOTENCY_META_KEY } from './run-idempotently.js';

let connection: InProcessConnection | undefined;
afterEach(async () => {
  await connection?.close();
  connection = undefined;
});

async function connect(store: IdempotencyStore = new InMemoryIdempotencyStore(), effectDelayMs = 0) {
  const fixture = createFixtureServer({ logger: captureLogger().logger, idempotencyStore: store }, effectDelayMs);
  connection = await connectInProcess(fixture.server);
  return { ...fixture, client: connection.client };
}

const ID = 'req-0001-aaaa';

describe('idempotent mutating tools (DESIGN §5)', () => {
  it('executes once and replays the stored result, marked replayed, byte for byte', async () => {
    const { client, deps } = await connect();
    const first = await client.callTool({ name: 'record_effect', arguments: { label: 'a', request_id: ID } });
    const second = await client.callTool({ name: 'record_effect', arguments: { label: 'a', request_id: ID } });
    const third = await client.callTool({ name: 'record_effect', arguments: { label: 'a', request_id: ID } });
    expect(deps.effects.all()).toHaveLength(1);
    expect(first._meta?.[IDEMPOTENCY_META_KEY]).toEqual({ replayed: false });
    expect(second._meta?.[IDEMPOTENCY_META_KEY]).toEqual({ replayed: true });
    expect(second.structuredContent).toEqual(first.structuredContent);
    expect(JSON.stringify(third)).toBe(JSON.stringify(second));
  });

  it('refuses the same request_id with different arguments, executing nothing', async () => {
    const { client, deps } = await connect();
    await callToolForTest(client, 'record_effect', { label: 'a', request_id: ID });
    const reused = await callToolForTest(client, 'record_effect', { label: 'b', request_id: ID });
    expect(reused.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', retryable: false, request_id: ID });
    expect(deps.effects.all()).toHaveLength(1);
  });

  it('answers IDEMPOTENCY_IN_PROGRESS with retry_after_ms while the first call runs', async () => {
    const { client, deps } = await connect(undefined, 300);
    const first = callToolForTest(client, 'record_effect', { label: 'a', request_id: ID });
    await new Promise((r) => setTimeout(r, 50));
    const second = await callToolForTest(client, 'record_effect', { label: 'a', request_id: ID });
    expect(second.error).toMatchObject({ code: 'IDEMPOTENCY_IN_PROGRESS', retryable: true });
    expect(second.error?.retry_after_ms).toBeGreaterThan(0);
    expect(second.error?.retry_after_ms).toBeLessThanOrEqual(2_000);
    expect((await first).isError).toBe(false);
    expect(deps.effects.all()).toHaveLength(1);
  });

  it('runs 50 concurrent duplicates exactly once', async () => {
    const { client, deps } = await connect(undefined, 20);
    const calls = Array.from({ length: 50 }, () =>
      callToolForTest(client, 'record_effect', { label: 'a', request_id: ID }),
    );
    const outcomes = await Promise.all(calls);
    expect(deps.effects.all()).toHaveLength(1);
    expect(outcomes.filter((o) => !o.isError)).toHaveLength(1);
    expect(outcomes.filter((o) => o.error?.code === 'IDEMPOTENCY_IN_PROGRESS')).toHaveLength(49);
  });

  it('releases the key after a failure before the effect, so a retry executes', async () => {
    const store = new InMemoryIdempotencyStore();
    const { client, deps } = await connect(store);
    const failed = await callToolForTest(client, 'record_effect', { label: 'a', outcome: 'transient', request_id: ID });
    expect(failed.error).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', outcome: 'not_executed' });
    expect(store.size).toBe(0);
    const retried = await callToolForTest(client, 'record_effect', { label: 'a', request_id: ID });
    expect(retried.isError).toBe(false);
    expect(deps.effects.all()).toHaveLength(1);
  });

  it('stores and replays a deterministic business failure', async () => {
    const { client, deps } = await connect();
    const first = await callToolForTest(client, 'record_effect', { label: 'a', outcome: 'business', request_id: ID });
    const again = await callToolForTest(client, 'record_effect', { label: 'a', outcome: 'business', request_id: ID });
    expect(first.error).toMatchObject({ code: 'LIMIT_EXCEEDED', outcome: 'failed' });
    expect(again.error).toEqual(first.error);
    expect(again.meta?.[IDEMPOTENCY_META_KEY]).toEqual({ replayed: true });
    expect(deps.effects.all()).toHaveLength(1);
  });

  it('does not consume the request_id on a dry run: preview, then apply with the same id', async () => {
    const { client, deps } = await connect();
    const preview = await callToolForTest(client, 'record_effect', { label: 'a', dry_run: true, request_id: ID });
    expect(preview.structured).toMatchObject({ dry_run: true });
    const applied = await callToolForTest(client, 'record_effect', { label: 'a', dry_run: false, request_id: ID });
    expect(applied.structured).toMatchObject({ dry_run: false, effect_number: 1 });
    expect(deps.effects.all()).toHaveLength(1);
  });

  it('keys by principal too, and rejects a malformed request_id before storing anything', async () => {
    const { client, deps } = await connect();
    const bad = await callToolForTest(client, 'record_effect', { label: 'a', request_id: 'short' });
    expect(bad.error?.code).toBe('INVALID_ARGUMENT');
    expect(bad.text).toContain('"request_id"');
    const missing = await callToolForTest(client, 'record_effect', { label: 'a' });
    expect(missing.text).toContain('Invalid argument "request_id": required string is missing');
    expect(deps.effects.all()).toHaveLength(0);
  });

  it('fails closed with DEPENDENCY_UNAVAILABLE when the store is down, while read tools keep working', async () => {
    const down: IdempotencyStore = {
      claim: () => Promise.reject(new Error('ECONNREFUSED 127.0.0.1:6379')),
      complete: () => Promise.reject(new Error('down')),
      release: () => Promise.reject(new Error('down')),
      close: () => Promise.resolve(),
    };
    const { client, deps } = await connect(down);
    const out = await callToolForTest(client, 'record_effect', { label: 'a', request_id: ID });
    expect(out.error).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', outcome: 'not_executed', retryable: true });
    expect(out.text).not.toContain('6379');
    expect(deps.effects.all()).toHaveLength(0);
    expect((await callToolForTest(client, 'echo', { message: 'still here' })).isError).toBe(false);
  });
});
