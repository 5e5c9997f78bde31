/** get_job_status: the status tool every server with long-running work shares (DESIGN §4.9). */
import { z } from 'zod';
import { ERROR_CODES } from '../errors/error-codes.js';
import { ToolError } from '../errors/tool-error.js';
import { defineTool, type ToolDefinition } from '../tools/define-tool.js';
import { JOB_ID_PATTERN, JOB_STATES, type JobView } from './job-store.js';

/** The `job_id` input field: the handle a long-running call returned. */
export const jobIdField = z
  .string()
  .max(64)
  .regex(JOB_ID_PATTERN)
  .describe('The job_id returned by the call that started the job.')
  .meta({ examples: ['job_3q2-7wVzR1mAx0bKcD9eFg'] });

/** What get_job_status returns. */
export const jobStatusOutput = z.object({
  job_id: z.string(),
  kind: z.string().describe('What the job does.'),
  state: z.enum(JOB_STATES),
  progress: z.number().min(0).max(1).describe('From 0 to 1.'),
  message: z.string().describe('What is happening now.'),
  result: z.string().optional().describe('The result, once succeeded.'),
  error: z.object({ code: z.string(), message: z.string() }).optional().describe('Why it failed, once failed.'),
  created_at: z.string(),
  updated_at: z.string(),
});

/** The error for an unknown, expired or foreign job: never says which. */
export function jobNotFoundError(): ToolError {
  return new ToolError(
    ERROR_CODES.NOT_FOUND,
    'No job with this id for you; check the job_id returned by the call that started it.',
  );
}

/** get_job_status over the runtime's job store (Redis when REDIS_URL is set, so any replica answers). */
export const jobStatusTool: ToolDefinition<unknown> = defineTool({
  name: 'get_job_status',
  title: 'Get job status',
  description:
    'Report a long-running job started by another tool: state (running, succeeded, failed), progress 0-1 and a message; the result or error once finished. While running, call again in a few seconds.',
  kind: 'read',
  input: z.object({ job_id: jobIdField }),
  output: jobStatusOutput,
  hints: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async ({ job_id }, { jobs, principal }) => {
    const job = await jobs.read(job_id, principal);
    if (job === undefined) throw jobNotFoundError();
    return { structured: job, text: describeJob(job) };
  },
});

function describeJob(job: JobView): string {
  switch (job.state) {
    case 'running':
      return `Job ${job.job_id} (${job.kind}) is running, ${Math.round(job.progress * 100)}% done: ${job.message}`;
    case 'succeeded':
      return `Job ${job.job_id} (${job.kind}) succeeded. Result: ${job.result ?? ''}`;
    case 'failed':
      return `Job ${job.job_id} (${job.kind}) failed (${job.error?.code ?? 'UNKNOWN'}): ${job.error?.message ?? job.message}`;
  }
}
