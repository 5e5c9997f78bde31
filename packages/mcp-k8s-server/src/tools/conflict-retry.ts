/** Re-read and retry on 409 Conflict a bounded number of times, with a short jittered pause. */
import { ToolError } from '@bulkhead/core';
import { sleep } from './rollout-jobs.js';

/** How many times a read-modify-write is tried before CONFLICT reaches the caller. */
export const MAX_CONFLICT_ATTEMPTS = 5;

/** Runs `attempt` (which must re-read what it writes) until it does not conflict, at most 5 times. */
export async function withConflictRetry<T>(signal: AbortSignal, attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      const conflict = error instanceof ToolError && error.code === 'CONFLICT';
      if (!conflict || tries >= MAX_CONFLICT_ATTEMPTS) throw error;
      await sleep(20 * tries + Math.floor(Math.random() * 30), signal);
    }
  }
}
