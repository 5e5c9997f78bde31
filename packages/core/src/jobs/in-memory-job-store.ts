/** The embedded, single-process job store (DESIGN §7): job records in memory, expired lazily, bounded. */
import { ToolError } from '../errors/tool-error.js';
import {
  type CreateJobInput,
  checkCreateJobInput,
  checkJobProgress,
  clipJobMessage,
  type JobError,
  type JobProgress,
  type JobState,
  type JobStore,
  type JobView,
  newJobId,
} from './job-store.js';

/** Options of {@link InMemoryJobStore}. */
export interface InMemoryJobStoreOptions {
  /** The clock, injectable for tests; defaults to `Date.now`. */
  now?: () => number;
  /** The most jobs kept at once; beyond it the oldest finished job goes. Defaults to 10,000. */
  maxJobs?: number;
}

interface JobRecord {
  kind: string;
  principal: string;
  state: JobState;
  progress: number;
  message: string;
  result?: string;
  error?: JobError;
  createdAt: number;
  updatedAt: number;
  ttlMs: number;
}

/** Job records in process memory: for one process only, never for replicas sharing work. */
export class InMemoryJobStore implements JobStore {
  readonly #jobs = new Map<string, JobRecord>();
  readonly #now: () => number;
  readonly #maxJobs: number;

  constructor(options: InMemoryJobStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#maxJobs = options.maxJobs ?? 10_000;
    if (!Number.isSafeInteger(this.#maxJobs) || this.#maxJobs < 1) throw new RangeError('maxJobs must be >= 1');
  }

  /** Starts a running job owned by `input.principal`. */
  async create(input: CreateJobInput): Promise<{ job_id: string }> {
    const ttlMs = checkCreateJobInput(input);
    const now = this.#now();
    this.#makeRoom(now);
    const job_id = newJobId();
    this.#jobs.set(job_id, {
      kind: input.kind,
      principal: input.principal,
      state: 'running',
      progress: 0,
      message: 'Started.',
      createdAt: now,
      updatedAt: now,
      ttlMs,
    });
    return { job_id };
  }

  /** Records progress of a running job. */
  async update(jobId: string, report: JobProgress): Promise<boolean> {
    const checked = checkJobProgress(report);
    return this.#transition(jobId, (job) => {
      job.progress = checked.progress;
      job.message = checked.message;
    });
  }

  /** Marks a running job succeeded with `result`. */
  async complete(jobId: string, result: string): Promise<boolean> {
    return this.#transition(jobId, (job) => {
      job.state = 'succeeded';
      job.progress = 1;
      job.result = result;
    });
  }

  /** Marks a running job failed. */
  async fail(jobId: string, error: JobError): Promise<boolean> {
    return this.#transition(jobId, (job) => {
      job.state = 'failed';
      job.error = { code: error.code, message: clipJobMessage(error.message) };
    });
  }

  /** The job if it is live and belongs to `principal`. */
  async read(jobId: string, principal: string): Promise<JobView | undefined> {
    const job = this.#live(jobId, this.#now());
    if (job === undefined || job.principal !== principal) return undefined;
    return {
      job_id: jobId,
      kind: job.kind,
      state: job.state,
      progress: job.progress,
      message: job.message,
      ...(job.result === undefined ? {} : { result: job.result }),
      ...(job.error === undefined ? {} : { error: job.error }),
      created_at: new Date(job.createdAt).toISOString(),
      updated_at: new Date(job.updatedAt).toISOString(),
    };
  }

  #transition(jobId: string, change: (job: JobRecord) => void): boolean {
    const now = this.#now();
    const job = this.#live(jobId, now);
    if (job === undefined || job.state !== 'running') return false;
    change(job);
    job.updatedAt = now;
    return true;
  }

  #live(jobId: string, now: number): JobRecord | undefined {
    const job = this.#jobs.get(jobId);
    if (job !== undefined && job.updatedAt + job.ttlMs <= now) {
      this.#jobs.delete(jobId);
      return undefined;
    }
    return job;
  }

  /** Keeps the store under `maxJobs`: expired jobs first, then the oldest finished ones; never a running one. */
  #makeRoom(now: number): void {
    if (this.#jobs.size < this.#maxJobs) return;
    for (const jobId of [...this.#jobs.keys()]) this.#live(jobId, now);
    for (const [jobId, job] of this.#jobs) {
      if (this.#jobs.size < this.#maxJobs) return;
      if (job.state !== 'running') this.#jobs.delete(jobId);
    }
    if (this.#jobs.size >= this.#maxJobs) {
      throw new ToolError('OVERLOADED', 'Too many jobs are running on this server; retry in a minute.', {
        retryable: true,
        retryAfterMs: 60_000,
      });
    }
  }
}
