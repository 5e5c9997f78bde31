/** OAuth 2.1 resource server: bearer JWTs verified against the issuer's JWKS with jose (DESIGN §9). */
import type { AuthInfo } from '@modelcontextprotocol/server';
import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from 'jose';
import { type Authenticator, bearerToken } from './authenticator.js';

/** What a token must satisfy. */
export interface JwtAuthenticationOptions {
  /** Exact `iss`. */
  issuer: string;
  /** This server's canonical URL; the token's `aud` must contain it exactly. */
  audience: string;
  jwksUrl: string;
  /** Signature algorithms accepted; never `none` or HMAC with a public key. */
  algorithms: readonly string[];
  /** Tokens issued longer ago than this are refused, whatever their expiry. */
  maxTokenAgeSeconds: number;
  clockToleranceSeconds: number;
  /** Milliseconds to wait for the JWKS before answering 503. */
  jwksTimeoutMs?: number;
}

const IDP_FAILURES = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JOSE_GENERIC', 'ERR_JWKS_INVALID']);

/** Verifies bearer JWTs; a JWKS outage is a 503, never a 401. Tokens are never passed on. */
export function jwtAuthentication(options: JwtAuthenticationOptions): Authenticator {
  const jwks = createRemoteJWKSet(new URL(options.jwksUrl), {
    timeoutDuration: options.jwksTimeoutMs ?? 2_000,
    cooldownDuration: 30_000,
  });
  return {
    mode: 'jwt',
    async authenticate(authorization) {
      const token = bearerToken(authorization);
      if (token === undefined) return { ok: false, status: 401, description: 'Bearer token required' };
      try {
        const { payload } = await jwtVerify(token, jwks, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: [...options.algorithms],
          maxTokenAge: options.maxTokenAgeSeconds,
          clockTolerance: options.clockToleranceSeconds,
          requiredClaims: ['sub', 'exp', 'iat'],
        });
        return { ok: true, auth: authInfoOf(payload) };
      } catch (error) {
        if (isIdentityProviderFailure(error)) {
          return { ok: false, status: 503, description: 'The identity provider could not be reached' };
        }
        return { ok: false, status: 401, error: 'invalid_token', description: 'The token is not valid' };
      }
    },
  };
}

/** The principal of a verified token: subject, client (`azp`/`client_id`), tenant (`tid`/`tenant`), scopes. */
function authInfoOf(payload: JWTPayload): AuthInfo {
  const claim = (name: string) => (typeof payload[name] === 'string' ? (payload[name] as string) : undefined);
  const scopes =
    claim('scope')?.split(' ').filter(Boolean) ?? (Array.isArray(payload.scp) ? payload.scp.map(String) : []);
  const auth: AuthInfo = {
    token: '',
    clientId: claim('azp') ?? claim('client_id') ?? 'unknown-client',
    scopes,
    extra: { sub: payload.sub, tenant: claim('tid') ?? claim('tenant') },
  };
  if (payload.exp !== undefined) auth.expiresAt = payload.exp;
  return auth;
}

function isIdentityProviderFailure(error: unknown): boolean {
  if (error instanceof errors.JWKSTimeout) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && IDP_FAILURES.has(code)) return true;
  // A network failure fetching the JWKS surfaces as a TypeError from fetch.
  return error instanceof TypeError;
}
