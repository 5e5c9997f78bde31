/** Test kit: counts a server's `tools/list` tokens with the o200k tokenizer, for per-server budgets (DESIGN §4). */
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import type { ComposedServer } from '../server/compose-server.js';

/** o200k tokens of the server's `tools/list` result as sent on the wire. */
export function countToolListTokens(server: ComposedServer): number {
  return countTokens(JSON.stringify({ tools: server.listing }));
}

/** o200k tokens of any text (tool results, descriptions). */
export function countTextTokens(text: string): number {
  return countTokens(text);
}
