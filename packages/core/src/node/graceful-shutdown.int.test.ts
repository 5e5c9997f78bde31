/** SIGTERM under load on a real process: readiness off at once, every in-flight call completes, exit 0. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  buildFixtureBin,
  type FixtureProcess,
  startFixtureProcess,
  toolCall,
} from '../test-support/fixture-process.js';

let fixture: FixtureProcess | undefined;
beforeAll(async () => {
  await buildFixtureBin();
}, 60_000);
afterEach(() => fixture?.kill('SIGKILL'));

describe('graceful shutdown', () => {
  it('20 in-flight 2-second calls, then SIGTERM: readiness turns off at once, all 20 complete, exit 0', async () => {
    fixture = await startFixtureProcess({
      EFFECT_LOG: join(mkdtempSync(join(tmpdir(), 'bulkhead-shutdown-')), 'effects.jsonl'),
      SHUTDOWN_DELAY_MS: '500',
      SHUTDOWN_GRACE_MS: '10000',
    });
    const server = fixture;
    const calls = Array.from({ length: 20 }, (_, i) => server.rpc(toolCall(i, 'slow', { ms: 2_000 })));
    await sleep(300);
    server.kill('SIGTERM');
    await sleep(50);
    const readiness = await fetch(new URL('/readyz', server.url));
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toMatchObject({ status: 'shutting_down' });
    const answers = await Promise.all(calls);
    for (const answer of answers) {
      expect(answer.message.result?.isError).toBeFalsy();
      expect(answer.message.result?.structuredContent).toEqual({ waited: 2_000 });
    }
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.stderr()).toContain('"msg":"draining in-flight requests"');
  });
});
