/** Who is calling over HTTP: no auth (loopback only), one static token (local use), or OAuth 2.1 bearer JWTs. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AuthInfo } from '@modelcontextprotocol/server';

/** The outcome of authenticating one request. */
export type AuthResult =
  | { readonly ok: true; readonly auth: AuthInfo }
  /** 401: no or bad credentials; `error` is the RFC 6750 code for WWW-Authenticate. */
  | {
      readonly ok: false;
      readonly status: 401;
      readonly error?: 'invalid_token' | 'invalid_request';
      readonly description: string;
    }
  /** 503: the identity provider could not be asked (an outage is not the caller's fault). */
  | { readonly ok: false; readonly status: 503; readonly description: string };

/** Authenticates the `Authorization` header of one request. */
export interface Authenticator {
  /** `none`, `static` or `jwt`: what /.well-known/oauth-protected-resource advertises depends on it. */
  readonly mode: 'none' | 'static' | 'jwt';
  authenticate(authorization: string | undefined): Promise<AuthResult>;
}

/** Every scope: what a caller gets where the operator chose no per-tool authorization (none, static). */
export const ALL_SCOPES = '*';

/** No credentials asked: every caller is `anonymous` with every scope. Only for loopback binds. */
export function noAuthentication(): Authenticator {
  const auth: AuthInfo = { token: '', clientId: 'anonymous', scopes: [ALL_SCOPES], extra: { sub: 'anonymous' } };
  return { mode: 'none', authenticate: async () => ({ ok: true, auth }) };
}

/** One shared token, compared in constant time; the caller is `static-token` with every scope. */
export function staticTokenAuthentication(token: string): Authenticator {
  const expected = createHash('sha256').update(token).digest();
  const auth: AuthInfo = { token: '', clientId: 'static-token', scopes: [ALL_SCOPES], extra: { sub: 'static-token' } };
  return {
    mode: 'static',
    async authenticate(authorization) {
      const presented = bearerToken(authorization);
      if (presented === undefined) return { ok: false, status: 401, description: 'Bearer token required' };
      const digest = createHash('sha256').update(presented).digest();
      if (!timingSafeEqual(digest, expected)) {
        return { ok: false, status: 401, error: 'invalid_token', description: 'The token is not valid' };
      }
      return { ok: true, auth };
    },
  };
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = authorization ? /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(authorization) : null;
  return match?.[1];
}
