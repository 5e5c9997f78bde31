/** Scopes per tool (DESIGN §9): declared next to the tool, defaulting to `<server>:read` / `<server>:write`. */
import type { AuthInfo } from '@modelcontextprotocol/server';
import { ERROR_CODES } from '../errors/error-codes.js';
import { ToolError } from '../errors/tool-error.js';
import { ALL_SCOPES } from './authenticator.js';

/** The scope names a server uses for its read and its mutating tools unless a tool declares its own. */
export interface ServerScopes {
  readonly read: string;
  readonly mutating: string;
}

/** Whether the caller holds every scope in `needed`; no auth info (stdio, in-process) means a local caller. */
export function hasScopes(auth: AuthInfo | undefined, needed: readonly string[]): boolean {
  if (!auth) return true;
  return auth.scopes.includes(ALL_SCOPES) || needed.every((scope) => auth.scopes.includes(scope));
}

/** The PERMISSION_DENIED answer for a call outside the caller's scopes; nothing ran. */
export function missingScopeError(tool: string, needed: readonly string[]): ToolError {
  return new ToolError(
    ERROR_CODES.PERMISSION_DENIED,
    `Calling ${tool} needs the scope ${needed.join(' ')}, which this token lacks; ask for a token with it.`,
    { retryable: false, details: { required_scopes: needed } },
  );
}
