/** Polls get_job_status until the job is final (bounded), as an agent would. */

import { callToolForTest } from '@bulkhead/core/testing';
import type { Client } from '@modelcontextprotocol/client';

/** What get_job_status returns. */
export interface JobStatus {
  job_id: string;
  kind: string;
  state: 'running' | 'succeeded' | 'failed';
  progress: number;
  message: string;
  result?: string;
  error?: { code: string; message: string };
  rollout?: { state: string; desired: number; available: number };
}

/** The final job status, or the last one seen after `timeoutMs`. */
export async function pollJob(client: Client, jobId: string, timeoutMs = 15_000): Promise<JobStatus> {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    const outcome = await callToolForTest<JobStatus>(client, 'get_job_status', { job_id: jobId });
    if (outcome.isError) throw new Error(outcome.text);
    const status = outcome.structured as JobStatus;
    if (status.state !== 'running' || Date.now() > deadline) return status;
    await new Promise((r) => setTimeout(r, 100));
  }
}
