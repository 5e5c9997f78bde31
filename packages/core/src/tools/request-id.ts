/** The `request_id` every mutating tool takes (DESIGN §5): the caller's idempotency key. */
import { z } from 'zod';

/** 8–128 characters from `[A-Za-z0-9_.:-]`; UUIDs recommended. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;

/** The zod field added to every mutating tool's input. */
export const requestIdField = z
  .string()
  .min(8)
  .max(128)
  .regex(REQUEST_ID_PATTERN)
  .describe(
    'Idempotency key: a new UUID per intended change; reuse the same value when retrying so the change happens once.',
  )
  .meta({ examples: ['3f0c9a6e-2b7d-4e1a-9c55-0d6f1b2a7e41'] });
