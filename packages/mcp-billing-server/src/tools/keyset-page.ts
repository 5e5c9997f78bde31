/**
 * One page of a newest-first list keyed by `seq`, shared by the list tools: where a cursor resumes, which rows fit
 * the text budget, the next signed cursor, and the text (table, then how to get more).
 */
import { type CursorCodec, truncateRows, truncationNotice } from '@bulkhead/core';
import { seqFrom } from '../use-cases/queries.js';

/** The `seq` to continue below, or null for the first page; a foreign or damaged cursor is INVALID_CURSOR. */
export function pageStart(cursors: CursorCodec, tool: string, filter: object, cursor: string | undefined) {
  return cursor === undefined ? null : seqFrom(cursors.decode(tool, filter, cursor));
}

/** How a page is shown. */
export interface KeysetPageFormat<Row, View> {
  readonly view: (row: Row) => View;
  /** One text line per row. */
  readonly line: (view: View) => string;
  /** The table header, and the text when nothing matches. */
  readonly header: string;
  readonly empty: string;
  /** Plural noun for "more …", e.g. "payments". */
  readonly noun: string;
  /** The filters that narrow the list, named in the hints. */
  readonly narrowHint: string;
}

/** A page: the views shown, the cursor to the rest, the text, and whether rows were cut to fit the budget. */
export interface KeysetPage<View> {
  readonly views: View[];
  readonly nextCursor: string | undefined;
  readonly text: string;
  readonly truncated: boolean;
}

/** Builds the page from `rows` fetched as `limit + 1` (the extra row only says there is more). */
export function keysetPage<Row extends { seq: bigint }, View>(
  page: { cursors: CursorCodec; tool: string; filter: object; rows: readonly Row[]; limit: number },
  format: KeysetPageFormat<Row, View>,
): KeysetPage<View> {
  const entries = page.rows.slice(0, page.limit).map((row) => ({ row, view: format.view(row) }));
  const shown = truncateRows(entries, ({ view }) => format.line(view), {
    header: entries.length === 0 ? format.empty : format.header,
  });
  const kept = entries.slice(0, shown.shown);
  const last = kept.at(-1);
  const more = page.rows.length > page.limit || shown.truncated;
  const nextCursor =
    more && last ? page.cursors.encode(page.tool, page.filter, { s: last.row.seq.toString() }) : undefined;
  const hint = shown.truncated
    ? `\n${truncationNotice({ omitted: shown.omitted, unit: 'rows', nextCursor, narrowHint: format.narrowHint })}`
    : nextCursor
      ? `\n… more ${format.noun}; call again with cursor "${nextCursor}", or narrow the filter (${format.narrowHint}).`
      : '';
  return { views: kept.map((k) => k.view), nextCursor, text: `${shown.text}${hint}`, truncated: shown.truncated };
}
