/** Stateless Streamable HTTP at /mcp on node:http: auth, guard rails, health, metrics and graceful shutdown. */
import { createServer, type Server as HttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NodeIncomingMessageLike, NodeMcpRequestHandler } from '@modelcontextprotocol/node';
import { type AuthInfo, createMcpHandler } from '@modelcontextprotocol/server';
import { type Authenticator, noAuthentication } from '../auth/authenticator.js';
import { hasScopes } from '../auth/scopes.js';
import { type ComposedServer, principalFromAuth } from '../server/compose-server.js';
import { answerDirectCall, directCallOf } from './direct-modern-calls.js';
import {
  RESOURCE_METADATA_PATH,
  resourceMetadata,
  resourceMetadataUrl,
  sendAuthFailure,
  sendInsufficientScope,
} from './http-auth.js';
import { idOf, sendJson, sendJsonRpcError } from './http-responses.js';
import {
  BODY_LIMITS,
  hostAllowed,
  isLoopbackHost,
  jsonShapeProblem,
  LOOPBACK_NAMES,
  originAllowed,
} from './request-guards.js';

/** Options of {@link serveHttp}. */
export interface ServeHttpOptions {
  host: string;
  port: number;
  /** Host header names accepted; loopback names by default when bound to loopback. */
  allowedHosts?: readonly string[] | undefined;
  /** Origin host names accepted from browsers; loopback names by default. */
  allowedOrigins?: readonly string[] | undefined;
  /** Who may call; no authentication by default (refused by the bin on non-loopback binds). */
  authenticator?: Authenticator;
  /** This server's canonical URL (the token audience); `http://<host>:<port>/mcp` by default. */
  publicUrl?: string | undefined;
  /** Issuers advertised in the protected resource metadata. */
  authorizationServers?: readonly string[];
  /** Milliseconds between readiness turning off and the listener closing (load balancers move traffic away). */
  shutdownDelayMs?: number;
  /** Milliseconds in-flight requests get to finish once the listener is closed. */
  shutdownGraceMs?: number;
}

/** A running HTTP server. */
export interface HttpServerHandle {
  readonly url: URL;
  readonly http: HttpServer;
  /** Readiness off, wait the delay, stop accepting, let in-flight requests finish within the grace, then close. */
  shutdown(): Promise<void>;
}

/** Serves a composed server over stateless Streamable HTTP; resolves once listening. */
export async function serveHttp(server: ComposedServer, options: ServeHttpOptions): Promise<HttpServerHandle> {
  const { logger } = server.runtime;
  const defaults = isLoopbackHost(options.host) ? [...LOOPBACK_NAMES] : [];
  const allowedHosts = new Set((options.allowedHosts ?? defaults).map((h) => h.toLowerCase()));
  const allowedOrigins = new Set((options.allowedOrigins ?? [...LOOPBACK_NAMES]).map((h) => h.toLowerCase()));
  if (allowedHosts.size === 0) logger.warn('no ALLOWED_HOSTS set for a non-loopback bind: every Host will be refused');
  const authenticator = options.authenticator ?? noAuthentication();

  const mcp = createMcpHandler(server.factory, {
    maxRequestBodySize: BODY_LIMITS.maxBytes,
    onerror: (error) => logger.debug({ err: error }, 'mcp handler reported an error'),
  });
  // The Node adapter (@hono/node-server, http2, undici's fetch classes) is loaded by the first request that
  // needs the SDK path: an idle server, or one answering only the direct fast path, never pays for it.
  let nodeHandler: Promise<NodeMcpRequestHandler> | undefined;
  const handleMcp: NodeMcpRequestHandler = async (req, res, body) => {
    nodeHandler ??= import('@modelcontextprotocol/node').then(({ toNodeHandler }) =>
      toNodeHandler(mcp, { maxRequestBodySize: BODY_LIMITS.maxBytes }),
    );
    await (await nodeHandler)(req, res, body);
  };
  let ready = true;
  let inFlight = 0;
  let idle: (() => void) | undefined;
  let publicUrl = options.publicUrl ?? '';
  let metadataUrl = '';

  // Node checks the timeouts only every connectionsCheckingInterval (30 s by default): check every second.
  const timeouts = {
    connectionsCheckingInterval: 1_000,
    headersTimeout: 10_000,
    requestTimeout: 60_000,
    keepAliveTimeout: 5_000,
  };
  const http = createServer(timeouts, async (req, res) => {
    inFlight += 1;
    res.on('close', () => {
      inFlight -= 1;
      if (inFlight === 0) idle?.();
    });
    try {
      await route(req, res);
    } catch (error) {
      logger.error({ err: error }, 'http request failed');
      if (!res.headersSent) sendJsonRpcError(res, 500, -32603, 'Internal error');
      else res.end();
    }
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (path === '/readyz') return sendReadiness(res);
    if (path === '/metrics') return sendMetrics(res);
    if (path === RESOURCE_METADATA_PATH || path === `${RESOURCE_METADATA_PATH}/mcp`) {
      const issuers = options.authorizationServers ?? [];
      return sendJson(
        res,
        200,
        resourceMetadata({
          resource: publicUrl,
          authorizationServers: issuers,
          scopesSupported: server.scopesSupported,
        }),
      );
    }
    if (path !== '/mcp') return sendJson(res, 404, { error: 'not found; the MCP endpoint is /mcp' });
    if (!hostAllowed(req, allowedHosts)) return sendJsonRpcError(res, 403, -32600, 'Forbidden: Host not allowed');
    if (!originAllowed(req, allowedOrigins)) return sendJsonRpcError(res, 403, -32600, 'Forbidden: Origin not allowed');
    if (!ready) return sendJsonRpcError(res, 503, -32603, 'Server is shutting down; retry on another replica');
    const authn = await authenticator.authenticate(req.headers.authorization);
    if (!authn.ok) return sendAuthFailure(res, authn, metadataUrl);
    const authed = withAuth(req, authn.auth);
    if (req.method !== 'POST') return handleMcp(authed, res);
    const body = await readBody(req);
    if (body === 'too_large') {
      return sendJsonRpcError(res, 413, -32600, `Request body larger than ${BODY_LIMITS.maxBytes} bytes`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return sendJsonRpcError(res, 400, -32700, 'Parse error: the body is not valid JSON');
    }
    if (Array.isArray(parsed)) return sendJsonRpcError(res, 400, -32600, 'JSON-RPC batches are not supported');
    const problem = jsonShapeProblem(parsed);
    if (problem) return sendJsonRpcError(res, 400, -32600, `Invalid request: ${problem}`, idOf(parsed));
    const needed = scopesForCall(parsed);
    if (needed && !hasScopes(authn.auth, needed)) return sendInsufficientScope(res, needed, metadataUrl, idOf(parsed));
    const cancel = cancelledRequest(parsed);
    if (cancel) {
      // An old-era cancel arrives as its own POST, maybe on another replica: relay it to the call's owner.
      await server.runtime.cancellationRelay.publishCancel(
        principalFromAuth(authn.auth),
        cancel.requestId,
        cancel.reason,
      );
      res.writeHead(202).end();
      return;
    }
    const direct = directCallOf(req, parsed, server);
    if (direct) return answerDirectCall(server, direct, authn.auth, res);
    return handleMcp(authed, res, parsed);
  }

  /** The scopes a `tools/call` needs, known before dispatch; undefined for other methods and unknown tools. */
  function scopesForCall(message: unknown): readonly string[] | undefined {
    const m = message as { method?: unknown; params?: { name?: unknown } } | null;
    if (m?.method !== 'tools/call' || typeof m.params?.name !== 'string') return undefined;
    return server.requiredScopes(m.params.name);
  }

  function sendReadiness(res: ServerResponse): void {
    const dependencies = server.runtime.health();
    const degraded = Object.values(dependencies).includes('degraded');
    const status = ready ? (degraded ? 'degraded' : 'ready') : 'shutting_down';
    sendJson(res, ready ? 200 : 503, { status, dependencies });
  }

  async function sendMetrics(res: ServerResponse): Promise<void> {
    const { registry } = server.runtime.metrics;
    res.writeHead(200, { 'content-type': registry.contentType }).end(await registry.metrics());
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => resolve());
  });
  const address = http.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = new URL(`http://${hostForUrl}:${address.port}/mcp`);
  publicUrl ||= url.href;
  metadataUrl = resourceMetadataUrl(publicUrl);
  logger.info({ url: url.href, auth: authenticator.mode }, 'serving Streamable HTTP');

  async function shutdown(): Promise<void> {
    if (!ready) return;
    ready = false;
    const delay = options.shutdownDelayMs ?? 0;
    if (delay > 0) {
      logger.info({ delay_ms: delay }, 'readiness off; waiting for traffic to move away');
      await sleep(delay);
    }
    http.close();
    http.closeIdleConnections();
    const grace = options.shutdownGraceMs ?? 10_000;
    if (inFlight > 0) {
      logger.info({ in_flight: inFlight, grace_ms: grace }, 'draining in-flight requests');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, grace);
        idle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    server.runtime.abortInFlight('shutdown grace period over');
    await mcp.close();
    http.closeAllConnections();
  }

  return { url, http, shutdown };
}

/** The SDK reads the verified principal from `req.auth`. */
function withAuth(req: IncomingMessage, auth: AuthInfo): NodeIncomingMessageLike {
  (req as IncomingMessage & { auth?: AuthInfo }).auth = auth;
  return req as unknown as NodeIncomingMessageLike;
}

/** The request id and reason of a `notifications/cancelled`, or undefined for any other message. */
function cancelledRequest(message: unknown): { requestId: string | number; reason?: string } | undefined {
  const m = message as { method?: unknown; params?: { requestId?: unknown; reason?: unknown } } | null;
  if (m?.method !== 'notifications/cancelled') return undefined;
  const requestId = m.params?.requestId;
  if (typeof requestId !== 'string' && typeof requestId !== 'number') return undefined;
  return typeof m.params?.reason === 'string' ? { requestId, reason: m.params.reason } : { requestId };
}

async function readBody(req: IncomingMessage): Promise<string | 'too_large'> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > BODY_LIMITS.maxBytes) return 'too_large';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMITS.maxBytes) return 'too_large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
