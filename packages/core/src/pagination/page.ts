/** Offset pagination of in-memory lists with signed cursors, and the page-size argument schema. */
import { z } from 'zod';
import { ToolError } from '../errors/tool-error.js';
import type { CursorCodec } from './cursor-codec.js';

/** Options of {@link paginateArray}. */
export interface PaginateOptions {
  /** The codec that signs and checks cursors. */
  codec: CursorCodec;
  /** The tool name the cursor is bound to. */
  tool: string;
  /** The filter arguments the cursor is bound to (everything but cursor and page size). */
  filter: unknown;
  /** The cursor of the previous page, if any. */
  cursor?: string | undefined;
  /** How many items this page holds at most (a positive integer). */
  limit: number;
}

/** One page of a list. */
export interface Page<T> {
  /** The items of this page, in list order. */
  items: T[];
  /** The cursor of the next page; undefined on the last page. */
  next_cursor: string | undefined;
  /** How many items the whole list holds. */
  total: number;
}

interface OffsetPosition {
  o: number;
}

function readOffset(position: unknown): number {
  const offset =
    position !== null && typeof position === 'object' ? (position as Record<string, unknown>).o : undefined;
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) {
    throw new ToolError('INVALID_CURSOR', 'This cursor is not valid for this list; start again without cursor.', {
      retryable: false,
      details: { field: 'cursor' },
    });
  }
  return offset;
}

/** Returns the page of `items` that `cursor` points at (the first page without one). */
export function paginateArray<T>(items: readonly T[], options: PaginateOptions): Page<T> {
  const { codec, tool, filter, cursor, limit } = options;
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new RangeError('paginateArray: limit must be a positive integer');
  }
  const offset = cursor === undefined ? 0 : readOffset(codec.decode(tool, filter, cursor));
  const end = offset + limit;
  const position: OffsetPosition = { o: end };
  return {
    items: items.slice(offset, end),
    next_cursor: end < items.length ? codec.encode(tool, filter, position) : undefined,
    total: items.length,
  };
}

/** The zod schema of a tool's `limit` argument: an integer page size from 1 to `maxSize`. */
export function pageSizeField(defaultSize: number, maxSize: number) {
  if (!Number.isSafeInteger(maxSize) || maxSize < 1) throw new RangeError('pageSizeField: maxSize must be >= 1');
  if (!Number.isSafeInteger(defaultSize) || defaultSize < 1 || defaultSize > maxSize) {
    throw new RangeError('pageSizeField: defaultSize must be between 1 and maxSize');
  }
  return z
    .number()
    .int()
    .min(1)
    .max(maxSize)
    .default(defaultSize)
    .describe(`Items per page, 1 to ${maxSize}; defaults to ${defaultSize}.`);
}
