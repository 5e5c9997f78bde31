/** Chooses the authenticator from config, refusing combinations that would expose a server unauthenticated. */
import type { Authenticator } from '../auth/authenticator.js';
import { noAuthentication, staticTokenAuthentication } from '../auth/authenticator.js';
import { jwtAuthentication } from '../auth/jwt-authentication.js';
import { ConfigInvalidError } from '../config/parse-config.js';
import { authAllowedOn } from './http-auth.js';
import { isLoopbackHost } from './request-guards.js';

/** The auth settings of the shared serving config. */
export interface AuthConfig {
  host: string;
  authMode: 'none' | 'static' | 'jwt';
  authToken?: string | undefined;
  allowStaticTokenOnNetwork: boolean;
  publicUrl?: string | undefined;
  authIssuer?: string | undefined;
  authJwksUrl?: string | undefined;
  authAlgorithms: readonly string[];
  authMaxTokenAgeSeconds: number;
  authClockToleranceSeconds: number;
}

/** Builds the authenticator; throws {@link ConfigInvalidError} naming the setting that is missing or unsafe. */
export function authenticationFromConfig(config: AuthConfig): Authenticator {
  const authenticator = build(config);
  if (!authAllowedOn(authenticator, isLoopbackHost(config.host), config.allowStaticTokenOnNetwork)) {
    throw new ConfigInvalidError(
      `AUTH_MODE: expected "jwt" (or "static" with ALLOW_STATIC_TOKEN_ON_NETWORK=true) when binding ${config.host}, which is not loopback; got "${config.authMode}"`,
    );
  }
  return authenticator;
}

function build(config: AuthConfig): Authenticator {
  switch (config.authMode) {
    case 'none':
      return noAuthentication();
    case 'static':
      if (!config.authToken)
        throw new ConfigInvalidError(
          'AUTH_TOKEN: expected a token of at least 32 characters for AUTH_MODE=static; got nothing',
        );
      return staticTokenAuthentication(config.authToken);
    case 'jwt': {
      if (!config.authIssuer)
        throw new ConfigInvalidError('AUTH_ISSUER: expected the issuer URL for AUTH_MODE=jwt; got nothing');
      if (!config.authJwksUrl)
        throw new ConfigInvalidError('AUTH_JWKS_URL: expected the JWKS URL for AUTH_MODE=jwt; got nothing');
      if (!config.publicUrl)
        throw new ConfigInvalidError(
          'PUBLIC_URL: expected the canonical URL (token audience) for AUTH_MODE=jwt; got nothing',
        );
      return jwtAuthentication({
        issuer: config.authIssuer,
        audience: config.publicUrl,
        jwksUrl: config.authJwksUrl,
        algorithms: config.authAlgorithms,
        maxTokenAgeSeconds: config.authMaxTokenAgeSeconds,
        clockToleranceSeconds: config.authClockToleranceSeconds,
      });
    }
  }
}
