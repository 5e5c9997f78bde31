/** Two trivial tools for the layer micro-benchmark: the same note, once read-only and once mutating. */
import { z } from 'zod';
import { defineTool } from '../../../core/src/index.ts';

const input = z.object({ note: z.string().min(1).max(200).describe('Any short text.') });
const output = z.object({ length: z.number().int() });

/** A read tool whose handler does almost nothing, so the pipeline around it is what gets measured. */
export const echoNoteTool = defineTool({
  name: 'echo_note',
  title: 'Echo note',
  description: 'Returns the length of a note.',
  kind: 'read',
  input,
  output,
  hints: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async ({ note }) => ({ structured: { length: note.length }, text: String(note.length) }),
});

/** The same tool as a mutation: core adds `request_id` and runs it through the idempotency store. */
export const recordNoteTool = defineTool({
  name: 'record_note',
  title: 'Record note',
  description: 'Records a note; returns its length.',
  kind: 'mutating',
  input,
  output,
  hints: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async ({ note }) => ({ structured: { length: note.length }, text: String(note.length) }),
});
