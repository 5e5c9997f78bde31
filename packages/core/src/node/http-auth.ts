/** The OAuth side of the HTTP surface: RFC 9728 metadata, 401 challenges and 403 insufficient_scope. */
import type { ServerResponse } from 'node:http';
import type { Authenticator, AuthResult } from '../auth/authenticator.js';
import { sendJsonRpcError } from './http-responses.js';

/** Where the protected resource metadata lives, relative to the server's origin. */
export const RESOURCE_METADATA_PATH = '/.well-known/oauth-protected-resource';

/** What the metadata document says about this server. */
export interface ResourceMetadataOptions {
  /** This server's canonical URL (the token audience), e.g. https://billing.example.com/mcp. */
  resource: string;
  /** Issuers whose tokens are accepted. */
  authorizationServers: readonly string[];
  scopesSupported: readonly string[];
}

/** The RFC 9728 protected resource metadata document. */
export function resourceMetadata(options: ResourceMetadataOptions): Record<string, unknown> {
  return {
    resource: options.resource,
    authorization_servers: options.authorizationServers,
    scopes_supported: options.scopesSupported,
    bearer_methods_supported: ['header'],
    resource_name: 'Bulkhead MCP server',
  };
}

/** The URL of the metadata document for a canonical resource URL. */
export function resourceMetadataUrl(resource: string): string {
  return new URL(RESOURCE_METADATA_PATH, resource).href;
}

/** Answers a failed authentication: 401 with a challenge naming the metadata, or 503 for an IdP outage. */
export function sendAuthFailure(
  res: ServerResponse,
  result: Exclude<AuthResult, { ok: true }>,
  metadataUrl: string,
): void {
  if (result.status === 503) {
    sendJsonRpcError(res, 503, -32603, 'Authentication is unavailable; retry shortly', null, { 'retry-after': '5' });
    return;
  }
  const params = [`resource_metadata="${metadataUrl}"`];
  if (result.error) params.push(`error="${result.error}"`, `error_description="${result.description}"`);
  sendJsonRpcError(res, 401, -32001, `Unauthorized: ${result.description}`, null, {
    'www-authenticate': `Bearer ${params.join(', ')}`,
  });
}

/** Answers a call to a tool outside the token's scopes: 403 naming the scopes needed. */
export function sendInsufficientScope(
  res: ServerResponse,
  scopes: readonly string[],
  metadataUrl: string,
  id: string | number | null,
): void {
  const challenge = `Bearer error="insufficient_scope", scope="${scopes.join(' ')}", resource_metadata="${metadataUrl}"`;
  sendJsonRpcError(res, 403, -32001, `Forbidden: this call needs the scope ${scopes.join(' ')}`, id, {
    'www-authenticate': challenge,
  });
}

/** Whether an authenticator may serve a bind address: no auth and static tokens are for loopback only. */
export function authAllowedOn(authenticator: Authenticator, loopback: boolean, allowStaticOnNetwork: boolean): boolean {
  if (loopback || authenticator.mode === 'jwt') return true;
  return authenticator.mode === 'static' && allowStaticOnNetwork;
}
