import { describe, expect, it } from 'vitest';
import { ConfigInvalidError } from '../config/parse-config.js';
import { type AuthConfig, authenticationFromConfig } from './authentication-from-config.js';

const base: AuthConfig = {
  host: '127.0.0.1',
  authMode: 'none',
  allowStaticTokenOnNetwork: false,
  authAlgorithms: ['RS256'],
  authMaxTokenAgeSeconds: 3600,
  authClockToleranceSeconds: 30,
};
const TOKEN = 'a-static-token-that-is-long-enough-0123456789';

describe('authenticationFromConfig', () => {
  it('allows no authentication on loopback only', () => {
    expect(authenticationFromConfig(base).mode).toBe('none');
    expect(() => authenticationFromConfig({ ...base, host: '0.0.0.0' })).toThrow(ConfigInvalidError);
    expect(() => authenticationFromConfig({ ...base, host: '0.0.0.0' })).toThrow(/^AUTH_MODE: expected "jwt"/);
  });

  it('refuses a static token on a network bind unless explicitly allowed', () => {
    const config = { ...base, host: '10.0.0.5', authMode: 'static' as const, authToken: TOKEN };
    expect(() => authenticationFromConfig(config)).toThrow(ConfigInvalidError);
    expect(authenticationFromConfig({ ...config, allowStaticTokenOnNetwork: true }).mode).toBe('static');
  });

  it('names the missing setting for jwt', () => {
    expect(() => authenticationFromConfig({ ...base, authMode: 'jwt' })).toThrow(/^AUTH_ISSUER:/);
    expect(() => authenticationFromConfig({ ...base, authMode: 'jwt', authIssuer: 'https://idp' })).toThrow(
      /^AUTH_JWKS_URL:/,
    );
  });

  it('checks a static token in constant time and never accepts a wrong one', async () => {
    const auth = authenticationFromConfig({ ...base, authMode: 'static', authToken: TOKEN });
    expect(await auth.authenticate(`Bearer ${TOKEN}`)).toMatchObject({ ok: true });
    expect(await auth.authenticate(`Bearer ${TOKEN}x`)).toMatchObject({
      ok: false,
      status: 401,
      error: 'invalid_token',
    });
    expect(await auth.authenticate(undefined)).toMatchObject({ ok: false, status: 401 });
    expect(await auth.authenticate(`Basic ${TOKEN}`)).toMatchObject({ ok: false, status: 401 });
  });
});
