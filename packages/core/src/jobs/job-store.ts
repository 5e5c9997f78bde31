/** The port behind long-running work (DESIGN §4.9): a job record per handle, owned by the principal who started it. */
import { randomBytes } from 'node:crypto';

/** The states of a job; `succeeded` and `failed` are final. */
export const JOB_STATES = ['running', 'succeeded', 'failed'] as const;

/** One of {@link JOB_STATES}. */
export type JobState = (typeof JOB_STATES)[number];

/** What a job id looks like: `job_` and 128 random bits in base64url; at most 64 characters. */
export const JOB_ID_PATTERN = /^job_[A-Za-z0-9_-]{1,60}$/;

/** How long a job record is kept after its last change, unless `ttlMs` says otherwise: 24 h. */
export const DEFAULT_JOB_TTL_MS = 24 * 60 * 60 * 1000;

/** Longer status messages are cut to this many characters. */
export const MAX_JOB_MESSAGE_LENGTH = 500;

/** Why a job failed; `message` reaches the model, so it is one actionable sentence without internals. */
export interface JobError {
  readonly code: string;
  readonly message: string;
}

/** A job as its owner sees it. Timestamps are ISO 8601; `result` and `error` appear once the job is final. */
export interface JobView {
  readonly job_id: string;
  readonly kind: string;
  readonly state: JobState;
  /** From 0 to 1. */
  readonly progress: number;
  readonly message: string;
  /** The opaque result string given to `complete`, byte for byte. */
  readonly result?: string;
  readonly error?: JobError;
  readonly created_at: string;
  readonly updated_at: string;
}

/** What starts a job. */
export interface CreateJobInput {
  /** What the job does, e.g. `rollout`; at most 64 characters. */
  readonly kind: string;
  /** Who owns the job; only this principal can read it. */
  readonly principal: string;
  /** How long the record is kept after its last change; defaults to {@link DEFAULT_JOB_TTL_MS}. */
  readonly ttlMs?: number;
}

/** A progress report from the worker. */
export interface JobProgress {
  /** From 0 to 1. */
  readonly progress: number;
  /** What is happening now, for the model; cut to {@link MAX_JOB_MESSAGE_LENGTH} characters. */
  readonly message: string;
}

/**
 * Stores job records. Writes to a finished or unknown job change nothing and answer false, so a late
 * worker cannot overwrite a final state. Every write keeps the record for its TTL from then on.
 */
export interface JobStore {
  /** Starts a job in state `running` and returns its opaque handle. */
  create(input: CreateJobInput): Promise<{ job_id: string }>;
  /** Records progress of a running job; false when the job is unknown or already final. */
  update(jobId: string, progress: JobProgress): Promise<boolean>;
  /** Marks the job succeeded with an opaque result string; false when unknown or already final. */
  complete(jobId: string, result: string): Promise<boolean>;
  /** Marks the job failed; false when unknown or already final. */
  fail(jobId: string, error: JobError): Promise<boolean>;
  /** The job if it exists and belongs to `principal`; undefined otherwise (never says which). */
  read(jobId: string, principal: string): Promise<JobView | undefined>;
}

/** A new opaque job id: `job_` and 128 random bits in base64url. */
export function newJobId(): string {
  return `job_${randomBytes(16).toString('base64url')}`;
}

/** Checks a job's creation input and returns its TTL in whole milliseconds. */
export function checkCreateJobInput(input: CreateJobInput): number {
  if (input.kind.length === 0 || input.kind.length > 64) throw new RangeError('kind must be 1-64 characters');
  if (input.principal.length === 0) throw new RangeError('principal must not be empty');
  const ttlMs = input.ttlMs ?? DEFAULT_JOB_TTL_MS;
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw new RangeError('ttlMs must be a positive number');
  return Math.ceil(ttlMs);
}

/** Checks a progress report and returns it with the message cut to size. */
export function checkJobProgress(report: JobProgress): JobProgress {
  if (!Number.isFinite(report.progress) || report.progress < 0 || report.progress > 1) {
    throw new RangeError('progress must be between 0 and 1');
  }
  return { progress: report.progress, message: clipJobMessage(report.message) };
}

/** Cuts a message reaching the model to {@link MAX_JOB_MESSAGE_LENGTH} characters. */
export function clipJobMessage(message: string): string {
  return message.length <= MAX_JOB_MESSAGE_LENGTH ? message : `${message.slice(0, MAX_JOB_MESSAGE_LENGTH - 1)}…`;
}
