/** For domain tests: the ToolError a function throws (anything else it throws is rethrown). */
import { ToolError } from '../errors/tool-error.js';

/** Runs `fn` and returns the ToolError it threw; fails when it returns or throws something else. */
export function toolErrorOf(fn: () => unknown): ToolError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ToolError) return error;
    throw error;
  }
  throw new Error('expected a ToolError, but the function returned');
}
