/** The JWT matrix over real HTTP: locally generated keys, a JWKS served on loopback, the fixture server behind it. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpServerHandle, serveHttp } from '../node/serve-http.js';
import { createFixtureServer } from '../test-support/fixture-server.js';
import { captureLogger } from '../testing/capture-logger.js';
import { jwtAuthentication } from './jwt-authentication.js';

const ISSUER = 'https://idp.example.test';
let jwksServer: Server;
let jwksUrl: string;
let app: HttpServerHandle;
let audience: string;
let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
let publicJwk: JWK;
let effects: () => number;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  privateKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  jwksServer = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
  const fixture = createFixtureServer({ logger: captureLogger().logger });
  effects = () => fixture.deps.effects.all().length;
  // The audience is the canonical URL; it is known once the port is, so bind first, then authenticate.
  const port = await freePort();
  audience = `http://127.0.0.1:${port}/mcp`;
  app = await serveHttp(fixture.server, {
    host: '127.0.0.1',
    port,
    publicUrl: audience,
    authorizationServers: [ISSUER],
    authenticator: jwtAuthentication({
      issuer: ISSUER,
      audience,
      jwksUrl,
      algorithms: ['RS256', 'ES256'],
      maxTokenAgeSeconds: 3600,
      clockToleranceSeconds: 5,
    }),
  });
});

afterAll(async () => {
  await app.shutdown();
  await new Promise((resolve) => jwksServer.close(resolve));
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

interface Claims {
  iss?: string;
  aud?: string;
  sub?: string;
  scope?: string;
  iat?: number;
  exp?: number;
  nbf?: number;
}

const now = () => Math.floor(Date.now() / 1000);

async function token(claims: Claims = {}, kid = 'key-1'): Promise<string> {
  const c = {
    iss: ISSUER,
    aud: audience,
    sub: 'alice',
    scope: 'fixture:read fixture:write',
    iat: now(),
    exp: now() + 600,
    ...claims,
  };
  const jwt = new SignJWT({ scope: c.scope }).setProtectedHeader({ alg: 'RS256', kid }).setSubject(c.sub);
  jwt.setIssuer(c.iss).setAudience(c.aud).setIssuedAt(c.iat).setExpirationTime(c.exp);
  if (c.nbf !== undefined) jwt.setNotBefore(c.nbf);
  return jwt.sign(privateKey);
}

function post(body: Record<string, unknown>, bearer?: string) {
  return fetch(app.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }),
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, ...body }),
  });
}

const listTools = { method: 'tools/list', params: {} };
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function toolNames(response: Response): Promise<string[]> {
  const text = await response.text();
  const json = text.startsWith('event:')
    ? text
        .split('\n')
        .find((l) => l.startsWith('data:'))
        ?.slice(5)
    : text;
  return (JSON.parse(json ?? '{}') as { result: { tools: Array<{ name: string }> } }).result.tools.map((t) => t.name);
}

describe('bearer JWTs (OAuth 2.1 resource server)', () => {
  it('accepts a valid token', async () => {
    const response = await post(listTools, await token());
    expect(response.status).toBe(200);
    expect(await toolNames(response)).toContain('record_effect');
  });

  it('answers 401 with a challenge naming the resource metadata when no token is sent', async () => {
    const response = await post(listTools);
    expect(response.status).toBe(401);
    const challenge = response.headers.get('www-authenticate') ?? '';
    expect(challenge).toMatch(/^Bearer /);
    expect(challenge).toContain(
      `resource_metadata="${new URL('/.well-known/oauth-protected-resource', audience).href}"`,
    );
    expect(await response.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32001 } });
  });

  it('serves RFC 9728 protected resource metadata', async () => {
    const response = await fetch(new URL('/.well-known/oauth-protected-resource', app.url));
    const metadata = (await response.json()) as Record<string, unknown>;
    expect(metadata).toMatchObject({
      resource: audience,
      authorization_servers: [ISSUER],
      bearer_methods_supported: ['header'],
    });
    expect(metadata.scopes_supported).toEqual(['fixture:read', 'fixture:write']);
  });

  const rejected: Array<[string, () => Promise<string>]> = [
    ['expired', () => token({ iat: now() - 120, exp: now() - 60 })],
    ['not yet valid', () => token({ nbf: now() + 600 })],
    ['wrong issuer', () => token({ iss: 'https://evil.example.test' })],
    ['wrong audience', () => token({ aud: 'https://other.example.test/mcp' })],
    ['audience with a trailing slash', () => token({ aud: `${audience}/` })],
    ['a future iat beyond the maximum age', () => token({ iat: now() + 7200, exp: now() + 9000 })],
    ['an iat older than the maximum age', () => token({ iat: now() - 7200, exp: now() + 600 })],
    ['an unknown kid', () => token({}, 'key-unknown')],
    [
      'alg none',
      async () =>
        `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: ISSUER, aud: audience, sub: 'alice', iat: now(), exp: now() + 600 })}.`,
    ],
    [
      'HS256 signed with the public key',
      async () => {
        const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
        return new SignJWT({ scope: 'fixture:read' })
          .setProtectedHeader({ alg: 'HS256', kid: 'key-1' })
          .setIssuer(ISSUER)
          .setAudience(audience)
          .setSubject('alice')
          .setIssuedAt()
          .setExpirationTime('10m')
          .sign(secret);
      },
    ],
    [
      'a tampered payload',
      async () => {
        const [header, , signature] = (await token({ scope: 'fixture:read' })).split('.');
        const forged = b64({
          iss: ISSUER,
          aud: audience,
          sub: 'mallory',
          scope: 'fixture:read fixture:write',
          iat: now(),
          exp: now() + 600,
        });
        return `${header}.${forged}.${signature}`;
      },
    ],
  ];
  for (const [name, make] of rejected) {
    it(`answers 401 invalid_token for ${name}`, async () => {
      const response = await post(listTools, await make());
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
    });
  }

  it('shows a principal only the tools its scopes allow, and refuses the others before anything runs', async () => {
    const readOnly = await token({ scope: 'fixture:read' });
    const names = await toolNames(await post(listTools, readOnly));
    expect(names).toContain('echo');
    expect(names).not.toContain('record_effect');
    const before = effects();
    const call = await post(
      {
        method: 'tools/call',
        params: { name: 'record_effect', arguments: { label: 'x', request_id: 'scope-test-0001' } },
      },
      readOnly,
    );
    expect(call.status).toBe(403);
    const challenge = call.headers.get('www-authenticate') ?? '';
    expect(challenge).toContain('error="insufficient_scope"');
    expect(challenge).toContain('scope="fixture:write"');
    expect(effects()).toBe(before);
  });

  it('answers 503, not 401, when the identity provider cannot be reached', async () => {
    const fixture = createFixtureServer({ logger: captureLogger().logger });
    const unreachable = await serveHttp(fixture.server, {
      host: '127.0.0.1',
      port: 0,
      authenticator: jwtAuthentication({
        issuer: ISSUER,
        audience,
        jwksUrl: `http://127.0.0.1:${await freePort()}/jwks.json`,
        algorithms: ['RS256'],
        maxTokenAgeSeconds: 3600,
        clockToleranceSeconds: 5,
      }),
    });
    try {
      const response = await fetch(unreachable.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await token()}` },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, ...listTools }),
      });
      expect(response.status).toBe(503);
    } finally {
      await unreachable.shutdown();
    }
  });
});
