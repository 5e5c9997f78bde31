/** The settings every server shares (DESIGN §11): transport, address, logging, limits and secrets. */
import { z } from 'zod';
import { LOG_LEVELS } from '../logging/logger.js';
import { defineConfig } from './config-schema.js';
import { integerSetting, listSetting } from './setting-schemas.js';

/** Builds the shared serving spec with a server's default port. */
export function servingConfigSpec(defaultPort: number) {
  return defineConfig({
    transport: {
      env: 'MCP_TRANSPORT',
      flag: '--transport',
      schema: z.enum(['stdio', 'http']).default('stdio'),
      help: 'the transport: "stdio" (default) or "http" (Streamable HTTP at /mcp)',
    },
    host: {
      env: 'HOST',
      flag: '--host',
      schema: z.string().min(1).max(255).default('127.0.0.1'),
      help: 'the address to bind for http (default 127.0.0.1)',
    },
    port: {
      env: 'PORT',
      flag: '--port',
      schema: integerSetting(0, 65535, defaultPort),
      help: `an integer port from 0 to 65535 for http (default ${defaultPort}; 0 picks a free one)`,
    },
    logLevel: {
      env: 'LOG_LEVEL',
      flag: '--log-level',
      schema: z.enum(LOG_LEVELS).default('info'),
      help: `one of ${LOG_LEVELS.join(', ')} (default info); logs go to stderr`,
    },
    allowedHosts: {
      env: 'ALLOWED_HOSTS',
      flag: '--allowed-hosts',
      schema: listSetting,
      help: 'comma-separated Host header names accepted over http (default: loopback names when bound to loopback)',
    },
    allowedOrigins: {
      env: 'ALLOWED_ORIGINS',
      flag: '--allowed-origins',
      schema: listSetting,
      help: 'comma-separated Origin host names accepted over http (default: loopback names)',
    },
    maxConcurrentCalls: {
      env: 'MAX_CONCURRENT_CALLS',
      flag: '--max-concurrent-calls',
      schema: integerSetting(1, 100_000, 64),
      help: 'an integer from 1 to 100000: tool calls in flight per process before shedding with OVERLOADED (default 64)',
    },
    toolTimeoutMs: {
      env: 'TOOL_TIMEOUT_MS',
      schema: integerSetting(100, 600_000, 30_000),
      help: 'an integer from 100 to 600000: milliseconds a tool call may run before TIMEOUT (default 30000)',
    },
    shutdownGraceMs: {
      env: 'SHUTDOWN_GRACE_MS',
      schema: integerSetting(0, 600_000, 10_000),
      help: 'an integer from 0 to 600000: milliseconds in-flight calls get to finish after SIGTERM (default 10000)',
    },
    redisUrl: {
      env: 'REDIS_URL',
      schema: z
        .url({ protocol: /^rediss?$/ })
        .max(2048)
        .optional(),
      help: 'a redis:// or rediss:// URL for idempotency, jobs, rate limits and cancellation shared by all replicas (default: in-process)',
    },
    rateLimitPerSec: {
      env: 'RATE_LIMIT_PER_SEC',
      schema: z.coerce
        .number()
        .min(0)
        .max(100_000)
        .optional()
        .transform((v) => v ?? 50),
      help: 'tool calls per second each principal may make, refilled continuously; 0 turns the limit off (default 50)',
    },
    rateLimitBurst: {
      env: 'RATE_LIMIT_BURST',
      schema: integerSetting(1, 1_000_000, 100),
      help: 'an integer from 1 to 1000000: calls a principal may make at once after a quiet spell (default 100)',
    },
    shutdownDelayMs: {
      env: 'SHUTDOWN_DELAY_MS',
      schema: integerSetting(0, 120_000, 0),
      help: 'an integer from 0 to 120000: milliseconds /readyz answers 503 while still serving after SIGTERM (default 0)',
    },
    authMode: {
      env: 'AUTH_MODE',
      flag: '--auth',
      schema: z.enum(['none', 'static', 'jwt']).default('none'),
      help: 'how http callers authenticate: "none" (loopback only), "static" (AUTH_TOKEN) or "jwt" (OAuth 2.1 bearer JWTs)',
    },
    authToken: {
      env: 'AUTH_TOKEN',
      schema: z.string().min(32).max(512).optional(),
      help: 'the static bearer token for AUTH_MODE=static, at least 32 characters',
    },
    allowStaticTokenOnNetwork: {
      env: 'ALLOW_STATIC_TOKEN_ON_NETWORK',
      schema: z
        .enum(['true', 'false'])
        .default('false')
        .transform((v) => v === 'true'),
      help: '"true" to allow AUTH_MODE=static on a non-loopback bind (default false)',
    },
    publicUrl: {
      env: 'PUBLIC_URL',
      schema: z
        .url({ protocol: /^https?$/ })
        .max(2048)
        .optional(),
      help: "this server's canonical URL, the audience tokens must name (default http://HOST:PORT/mcp)",
    },
    authIssuer: {
      env: 'AUTH_ISSUER',
      schema: z.url().max(2048).optional(),
      help: 'the exact token issuer (iss) for AUTH_MODE=jwt',
    },
    authJwksUrl: {
      env: 'AUTH_JWKS_URL',
      schema: z
        .url({ protocol: /^https?$/ })
        .max(2048)
        .optional(),
      help: "the issuer's JWKS URL for AUTH_MODE=jwt",
    },
    authAlgorithms: {
      env: 'AUTH_ALGORITHMS',
      schema: listSetting
        .transform((v) => v ?? ['RS256', 'ES256', 'EdDSA'])
        .pipe(
          z
            .array(z.enum(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA']))
            .min(1),
        ),
      help: 'comma-separated asymmetric JWT algorithms accepted (default RS256,ES256,EdDSA)',
    },
    authMaxTokenAgeSeconds: {
      env: 'AUTH_MAX_TOKEN_AGE_S',
      schema: integerSetting(60, 86_400, 3_600),
      help: 'an integer from 60 to 86400: seconds after its iat a token is refused (default 3600)',
    },
    authClockToleranceSeconds: {
      env: 'AUTH_CLOCK_TOLERANCE_S',
      schema: integerSetting(0, 300, 30),
      help: 'an integer from 0 to 300: seconds of clock skew tolerated (default 30)',
    },
    cursorSecret: {
      env: 'CURSOR_SECRET',
      schema: z.string().min(32).max(512).optional(),
      help: 'a secret of at least 32 characters that signs pagination cursors (shared by all replicas)',
    },
  });
}
