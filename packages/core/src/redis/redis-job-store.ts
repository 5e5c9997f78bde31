/** Job records in Redis, shared by every replica: Lua transitions on Redis time, final states stay final. */
import type { Redis } from 'ioredis';
import {
  type CreateJobInput,
  checkCreateJobInput,
  checkJobProgress,
  clipJobMessage,
  JOB_ID_PATTERN,
  JOB_STATES,
  type JobError,
  type JobProgress,
  type JobStore,
  type JobView,
  newJobId,
} from '../jobs/job-store.js';
import { LUA_NOW_MS, LuaScript, replyInteger } from './lua-script.js';

/** Options of {@link RedisJobStore}. */
export interface RedisJobStoreOptions {
  /** Prepended to every job key; defaults to `bulkhead:job:`. */
  keyPrefix?: string;
}

/* A job is a hash; `result` is stored as an opaque string, never decoded in Lua. */
const CREATE = new LuaScript(`${LUA_NOW_MS}
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'kind', ARGV[1], 'principal', ARGV[2], 'state', 'running', 'progress', '0',
  'message', 'Started.', 'created_at', now, 'updated_at', now, 'ttl_ms', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`);

const TRANSITION = new LuaScript(`${LUA_NOW_MS}
if redis.call('HGET', KEYS[1], 'state') ~= 'running' then return 0 end
if ARGV[1] == 'update' then
  redis.call('HSET', KEYS[1], 'progress', ARGV[2], 'message', ARGV[3])
elseif ARGV[1] == 'complete' then
  redis.call('HSET', KEYS[1], 'state', 'succeeded', 'progress', '1', 'result', ARGV[2])
else
  redis.call('HSET', KEYS[1], 'state', 'failed', 'error_code', ARGV[2], 'error_message', ARGV[3])
end
redis.call('HSET', KEYS[1], 'updated_at', now)
redis.call('PEXPIRE', KEYS[1], redis.call('HGET', KEYS[1], 'ttl_ms'))
return 1
`);

/** Job records shared by every replica; a Redis outage rejects the call quickly (the client fails fast). */
export class RedisJobStore implements JobStore {
  readonly #client: Redis;
  readonly #prefix: string;

  constructor(client: Redis, options: RedisJobStoreOptions = {}) {
    this.#client = client;
    this.#prefix = options.keyPrefix ?? 'bulkhead:job:';
  }

  /** Starts a running job owned by `input.principal`. */
  async create(input: CreateJobInput): Promise<{ job_id: string }> {
    const ttlMs = checkCreateJobInput(input);
    const job_id = newJobId();
    const created = await CREATE.run(this.#client, [this.#key(job_id)], [input.kind, input.principal, ttlMs]);
    // 128 random bits do not collide; if they ever did, refusing beats handing out someone else's job.
    if (replyInteger(created, 'create job') !== 1) throw new Error('job id collision');
    return { job_id };
  }

  /** Records progress of a running job. */
  async update(jobId: string, report: JobProgress): Promise<boolean> {
    const { progress, message } = checkJobProgress(report);
    return this.#transition(jobId, ['update', String(progress), message]);
  }

  /** Marks a running job succeeded with `result`, stored untouched. */
  async complete(jobId: string, result: string): Promise<boolean> {
    return this.#transition(jobId, ['complete', result]);
  }

  /** Marks a running job failed. */
  async fail(jobId: string, error: JobError): Promise<boolean> {
    return this.#transition(jobId, ['fail', error.code, clipJobMessage(error.message)]);
  }

  /** The job if it is live and belongs to `principal`. */
  async read(jobId: string, principal: string): Promise<JobView | undefined> {
    if (!JOB_ID_PATTERN.test(jobId)) return undefined;
    const fields = await this.#client.hgetall(this.#key(jobId));
    if (fields.principal === undefined || fields.principal !== principal) return undefined;
    return toJobView(jobId, fields);
  }

  async #transition(jobId: string, args: readonly string[]): Promise<boolean> {
    if (!JOB_ID_PATTERN.test(jobId)) return false;
    return replyInteger(await TRANSITION.run(this.#client, [this.#key(jobId)], args), 'job transition') === 1;
  }

  #key(jobId: string): string {
    return `${this.#prefix}${jobId}`;
  }
}

function toJobView(jobId: string, fields: Record<string, string>): JobView {
  const state = JOB_STATES.find((s) => s === fields.state);
  if (state === undefined) throw new Error('job record has an unknown state');
  return {
    job_id: jobId,
    kind: fields.kind ?? '',
    state,
    progress: Number(fields.progress ?? 0),
    message: fields.message ?? '',
    ...(fields.result === undefined ? {} : { result: fields.result }),
    ...(fields.error_code === undefined
      ? {}
      : { error: { code: fields.error_code, message: fields.error_message ?? '' } }),
    created_at: isoTime(fields.created_at),
    updated_at: isoTime(fields.updated_at),
  };
}

function isoTime(ms: string | undefined): string {
  return new Date(Number(ms ?? 0)).toISOString();
}
