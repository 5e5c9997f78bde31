import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureServer } from '../test-support/fixture-server.js';
import { callToolForTest } from '../testing/call-tool.js';
import { captureLogger } from '../testing/capture-logger.js';
import { connectInProcess, type InProcessConnection } from '../testing/connect-in-process.js';

let connection: InProcessConnection | undefined;
afterEach(async () => {
  await connection?.close();
  connection = undefined;
});

async function connect(options: Parameters<typeof createFixtureServer>[0] = {}, era: 'modern' | 'legacy' = 'modern') {
  const fixture = createFixtureServer(options);
  connection = await connectInProcess(fixture.server, { era });
  return { ...fixture, client: connection.client };
}

describe('tools/list', () => {
  it('is sorted, lean and carries all four hints', async () => {
    const { client } = await connect({ logger: captureLogger().logger });
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual([
      'echo',
      'fail',
      'get_job_status',
      'record_effect',
      'slow',
      'spend_budget',
      'start_job',
    ]);
    const json = JSON.stringify(tools);
    expect(json).not.toContain('$schema');
    for (const tool of tools) {
      expect(Object.keys(tool.annotations ?? {}).sort()).toEqual(
        ['destructiveHint', 'idempotentHint', 'openWorldHint', 'readOnlyHint'].sort(),
      );
      expect(tool.inputSchema.additionalProperties).toBe(false);
    }
  });

  it('adds a required, bounded request_id to mutating tools only', async () => {
    const { client } = await connect({ logger: captureLogger().logger });
    const { tools } = await client.listTools();
    const record = tools.find((t) => t.name === 'record_effect');
    expect(record?.inputSchema.required).toContain('request_id');
    expect(record?.inputSchema.properties?.request_id).toMatchObject({ minLength: 8, maxLength: 128 });
    expect(tools.find((t) => t.name === 'echo')?.inputSchema.properties).not.toHaveProperty('request_id');
  });
});

describe('the error contract', () => {
  it('answers a successful call with structured content in both eras', async () => {
    for (const era of ['modern', 'legacy'] as const) {
      const { client } = await connect({ logger: captureLogger().logger }, era);
      const out = await callToolForTest(client, 'echo', { message: 'hi', times: 2 });
      expect(out).toMatchObject({ isError: false, structured: { echoed: 'hihi' }, text: 'hihi' });
      await connection?.close();
      connection = undefined;
    }
  });

  it('keeps an unknown tool a protocol error (-32602)', async () => {
    const { client } = await connect({ logger: captureLogger().logger });
    await expect(client.callTool({ name: 'nope', arguments: {} })).rejects.toMatchObject({ code: -32602 });
  });

  it('names the field, the rule and a valid example on bad input', async () => {
    const { client } = await connect({ logger: captureLogger().logger });
    const out = await callToolForTest(client, 'echo', { message: 'hi', times: 9 });
    expect(out.isError).toBe(true);
    expect(out.error?.code).toBe('INVALID_ARGUMENT');
    expect(out.text).toContain('Invalid argument "times": must be ≤ 5');
    expect(out.text).toContain('Example of a valid value: 1');
    const badEnum = await callToolForTest(client, 'echo', { message: 'hi', mode: 'loud' });
    expect(badEnum.text).toContain('"mode": must be one of "plain", "shout"');
    const missing = await callToolForTest(client, 'echo', {});
    expect(missing.text).toContain('Invalid argument "message": required string is missing');
  });

  it('rejects unknown fields and lists the allowed ones', async () => {
    const { client } = await connect({ logger: captureLogger().logger });
    const out = await callToolForTest(client, 'echo', { message: 'hi', colour: 'red' });
    expect(out.error?.code).toBe('INVALID_ARGUMENT');
    expect(out.text).toContain('Unknown field "colour" not accepted by echo; allowed fields: message, times, mode.');
  });

  it('passes domain errors through with their code and hint', async () => {
    const { client } = await connect({ logger: captureLogger().logger });
    const out = await callToolForTest(client, 'fail', { how: 'domain' });
    expect(out.error).toMatchObject({ code: 'WIDGET_MISSING', retryable: false, outcome: 'not_executed' });
    expect(out.text).toContain('Widget 7 does not exist; list widgets first.');
  });

  it('sanitizes unexpected errors to INTERNAL with a correlation id that matches the log line', async () => {
    const { logger, lines } = captureLogger();
    const { client } = await connect({ logger });
    const out = await callToolForTest(client, 'fail', { how: 'unexpected' });
    expect(out.error?.code).toBe('INTERNAL');
    expect(out.text).not.toMatch(/ECONNREFUSED|5432|hunter2|db\.internal/);
    const id = out.error?.correlation_id;
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    const logged = lines.find((l) => l.correlation_id === id && l.msg === 'unexpected error in tool call');
    expect(JSON.stringify(logged)).toContain('ECONNREFUSED');
  });

  it('treats output that breaks the output schema as INTERNAL', async () => {
    const { client } = await connect({ logger: captureLogger().logger });
    const out = await callToolForTest(client, 'fail', { how: 'bad_output' });
    expect(out.error?.code).toBe('INTERNAL');
  });
});

describe('deadlines, cancellation and load shedding', () => {
  it('answers TIMEOUT when a call outlives the tool deadline', async () => {
    const { client } = await connect({ logger: captureLogger().logger, toolTimeoutMs: 100 });
    const out = await callToolForTest(client, 'slow', { ms: 5_000 });
    expect(out.error).toMatchObject({ code: 'TIMEOUT', retryable: true });
  });

  it('aborts the handler when the client cancels', async () => {
    const { logger, lines } = captureLogger();
    const { client } = await connect({ logger });
    const controller = new AbortController();
    const call = client.callTool({ name: 'slow', arguments: { ms: 10_000 } }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(call).rejects.toThrow();
    await expect.poll(() => lines.some((l) => l.tool === 'slow' && l.is_error === true)).toBe(true);
  });

  it('sheds calls over the concurrency cap with OVERLOADED', async () => {
    const { client } = await connect({ logger: captureLogger().logger, maxConcurrentCalls: 1 });
    const first = callToolForTest(client, 'slow', { ms: 300 });
    await new Promise((r) => setTimeout(r, 50));
    const second = await callToolForTest(client, 'echo', { message: 'x' });
    expect(second.error).toMatchObject({ code: 'OVERLOADED', retryable: true, retry_after_ms: 1000 });
    expect((await first).isError).toBe(false);
  });
});
