/** get_job_status through a real SDK client: progress, results, and other principals' jobs staying hidden. */
import { afterEach, describe, expect, it } from 'vitest';
import { composeServer } from '../server/compose-server.js';
import { callToolForTest } from '../testing/call-tool.js';
import { captureLogger } from '../testing/capture-logger.js';
import { connectInProcess, type InProcessConnection } from '../testing/connect-in-process.js';
import { InMemoryJobStore } from './in-memory-job-store.js';
import { jobStatusTool } from './job-status-tool.js';

let connection: InProcessConnection | undefined;
afterEach(async () => {
  await connection?.close();
  connection = undefined;
});

async function connect() {
  const jobs = new InMemoryJobStore();
  const server = composeServer({ name: 'jobs', version: '0.0.0', tools: [jobStatusTool] }, undefined, {
    logger: captureLogger().logger,
    jobStore: jobs,
  });
  connection = await connectInProcess(server);
  return { jobs, client: connection.client };
}

describe('get_job_status', () => {
  it('reports a running job, then its result', async () => {
    const { jobs, client } = await connect();
    // Over an in-process (stdio) connection the principal is `local`.
    const { job_id } = await jobs.create({ kind: 'rollout', principal: 'local' });
    await jobs.update(job_id, { progress: 0.25, message: 'Waiting for pods.' });
    const running = await callToolForTest(client, 'get_job_status', { job_id });
    expect(running).toMatchObject({ isError: false, structured: { job_id, state: 'running', progress: 0.25 } });
    expect(running.text).toContain('25% done: Waiting for pods.');
    await jobs.complete(job_id, '{"ready":5}');
    const done = await callToolForTest(client, 'get_job_status', { job_id });
    expect(done.structured).toMatchObject({ state: 'succeeded', progress: 1, result: '{"ready":5}' });
  });

  it("answers NOT_FOUND for another principal's job and for an unknown id", async () => {
    const { jobs, client } = await connect();
    const { job_id } = await jobs.create({ kind: 'rollout', principal: 'someone-else' });
    for (const id of [job_id, 'job_unknown0000000000000']) {
      const out = await callToolForTest(client, 'get_job_status', { job_id: id });
      expect(out.isError).toBe(true);
      expect(out.error?.code).toBe('NOT_FOUND');
      expect(out.text).toMatch(/^No job with this id for you; check the job_id returned by the call that started it\./);
    }
  });

  it('rejects a malformed job_id as INVALID_ARGUMENT', async () => {
    const { client } = await connect();
    const out = await callToolForTest(client, 'get_job_status', { job_id: '../etc/passwd' });
    expect(out.error?.code).toBe('INVALID_ARGUMENT');
  });
});
