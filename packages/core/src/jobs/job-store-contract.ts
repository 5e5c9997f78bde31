/** The shared vitest contract every JobStore implementation must pass. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOB_ID_PATTERN, type JobStore, MAX_JOB_MESSAGE_LENGTH } from './job-store.js';

/** Two views of one store (for Redis: two connections), its clock and its teardown. */
export interface JobStoreHarness {
  /** The store under test. */
  store: JobStore;
  /** The same records seen through another instance (another connection, another replica). */
  other: JobStore;
  /** Moves the store's clock forward by `ms` (a real store may simply sleep). */
  advance(ms: number): Promise<void> | void;
  /** Drops what the test wrote and closes what the harness opened. */
  cleanup(): Promise<void>;
}

const RESULT = '{"replicas":100000000000001,"note":"caf\u00e9 \u2603 \ud834\udd1e"}';

/** Registers `describe(name)` with the full job-store contract, one fresh harness per test. */
export function describeJobStoreContract(name: string, makeHarness: () => Promise<JobStoreHarness>): void {
  describe(`${name} (JobStore contract)`, () => {
    let harness: JobStoreHarness | undefined;
    const h = (): JobStoreHarness => {
      if (harness === undefined) throw new Error('harness not ready');
      return harness;
    };

    beforeEach(async () => {
      harness = await makeHarness();
    });
    afterEach(async () => {
      await harness?.cleanup();
      harness = undefined;
    });

    it('creates a running job with an opaque, unique id, readable through another instance', async () => {
      const { job_id } = await h().store.create({ kind: 'rollout', principal: 'alice' });
      const { job_id: second } = await h().store.create({ kind: 'rollout', principal: 'alice' });
      expect(job_id).toMatch(JOB_ID_PATTERN);
      expect(job_id.length).toBeLessThanOrEqual(64);
      expect(second).not.toBe(job_id);
      const job = await h().other.read(job_id, 'alice');
      expect(job).toMatchObject({ job_id, kind: 'rollout', state: 'running', progress: 0 });
      expect(job?.created_at).toBe(job?.updated_at);
      expect(Number.isNaN(Date.parse(job?.created_at ?? ''))).toBe(false);
      expect(job).not.toHaveProperty('result');
      expect(job).not.toHaveProperty('error');
    });

    it('hides a job from every other principal', async () => {
      const { job_id } = await h().store.create({ kind: 'rollout', principal: 'alice' });
      expect(await h().other.read(job_id, 'mallory')).toBeUndefined();
      expect(await h().other.read(job_id, 'Alice')).toBeUndefined();
    });

    it('answers undefined for unknown and malformed ids', async () => {
      expect(await h().store.read('job_doesNotExist0000000', 'alice')).toBeUndefined();
      expect(await h().store.read('not-a-job', 'alice')).toBeUndefined();
    });

    it('records progress and clips long messages', async () => {
      const { job_id } = await h().store.create({ kind: 'rollout', principal: 'alice' });
      expect(await h().other.update(job_id, { progress: 0.4, message: 'Waiting for 3 of 5 pods.' })).toBe(true);
      expect(await h().store.read(job_id, 'alice')).toMatchObject({
        progress: 0.4,
        message: 'Waiting for 3 of 5 pods.',
      });
      await h().store.update(job_id, { progress: 0.5, message: 'x'.repeat(2000) });
      expect((await h().store.read(job_id, 'alice'))?.message.length).toBe(MAX_JOB_MESSAGE_LENGTH);
    });

    it('rejects progress outside 0..1', async () => {
      const { job_id } = await h().store.create({ kind: 'rollout', principal: 'alice' });
      await expect(h().store.update(job_id, { progress: 1.5, message: 'no' })).rejects.toBeInstanceOf(RangeError);
      await expect(h().store.update(job_id, { progress: Number.NaN, message: 'no' })).rejects.toBeInstanceOf(
        RangeError,
      );
    });

    it('completes with the result byte for byte, and keeps the final state final', async () => {
      const { job_id } = await h().store.create({ kind: 'rollout', principal: 'alice' });
      await h().advance(5);
      expect(await h().other.complete(job_id, RESULT)).toBe(true);
      const job = await h().store.read(job_id, 'alice');
      expect(job).toMatchObject({ state: 'succeeded', progress: 1, result: RESULT });
      expect(Date.parse(job?.updated_at ?? '')).toBeGreaterThan(Date.parse(job?.created_at ?? ''));
      expect(await h().store.update(job_id, { progress: 0.1, message: 'late' })).toBe(false);
      expect(await h().store.fail(job_id, { code: 'LATE', message: 'late' })).toBe(false);
      expect(await h().store.complete(job_id, 'again')).toBe(false);
      expect((await h().store.read(job_id, 'alice'))?.result).toBe(RESULT);
    });

    it('fails with a code and message, and keeps the final state final', async () => {
      const { job_id } = await h().store.create({ kind: 'rollout', principal: 'alice' });
      await h().store.update(job_id, { progress: 0.3, message: 'Rolling out.' });
      const error = { code: 'ROLLOUT_STUCK', message: 'The rollout stalled; run diagnose_workload.' };
      expect(await h().store.fail(job_id, error)).toBe(true);
      expect(await h().other.read(job_id, 'alice')).toMatchObject({ state: 'failed', progress: 0.3, error });
      expect(await h().store.complete(job_id, RESULT)).toBe(false);
    });

    it('refuses writes to unknown jobs', async () => {
      expect(await h().store.update('job_unknown000000000000', { progress: 0.1, message: 'x' })).toBe(false);
      expect(await h().store.complete('job_unknown000000000000', 'x')).toBe(false);
      expect(await h().store.fail('job_unknown000000000000', { code: 'X', message: 'x' })).toBe(false);
    });

    it('forgets a job after its TTL from the last change', async () => {
      const { job_id } = await h().store.create({ kind: 'rollout', principal: 'alice', ttlMs: 600 });
      await h().advance(400);
      expect(await h().store.update(job_id, { progress: 0.5, message: 'Half way.' })).toBe(true);
      await h().advance(300);
      expect(await h().store.read(job_id, 'alice')).toMatchObject({ progress: 0.5 });
      await h().advance(400);
      expect(await h().store.read(job_id, 'alice')).toBeUndefined();
      expect(await h().store.complete(job_id, RESULT)).toBe(false);
    });

    it('rejects a creation that cannot be stored', async () => {
      await expect(h().store.create({ kind: '', principal: 'alice' })).rejects.toBeInstanceOf(RangeError);
      await expect(h().store.create({ kind: 'x', principal: 'alice', ttlMs: 0 })).rejects.toBeInstanceOf(RangeError);
    });
  });
}
