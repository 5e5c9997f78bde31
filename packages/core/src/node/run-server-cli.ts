/** The bin entry every server shares: flags and environment, --help/--version, stdio or HTTP, graceful exit. */

import type { Authenticator } from '../auth/authenticator.js';
import type { ConfigOf, ConfigSpec } from '../config/config-schema.js';
import { ConfigInvalidError, configHelp, parseConfig } from '../config/parse-config.js';
import { servingConfigSpec } from '../config/serving-config.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { startTraceExport } from '../observability/trace-export.js';
import type { ComposedServer } from '../server/compose-server.js';
import { createRuntime, type Runtime } from '../server/runtime.js';
import { authenticationFromConfig } from './authentication-from-config.js';
import { serveHttp } from './serve-http.js';
import { serveStdio } from './serve-stdio.js';
import { sharedStateOptions } from './shared-state.js';

/** The shared serving settings, typed. */
export type ServingConfig = ConfigOf<ReturnType<typeof servingConfigSpec>>;

/** What a server's bin declares. */
export interface ServerCliOptions<Spec extends ConfigSpec> {
  /** The bin and package name, e.g. `mcp-calculator-server`. */
  readonly bin: string;
  /** Short server name for logs and keys, e.g. `calculator`. */
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly defaultPort: number;
  /** The server's own settings, parsed with the shared ones. */
  readonly config: Spec;
  /** Builds adapters from config and composes the server; the only place real adapters are made. */
  readonly create: (input: {
    config: ConfigOf<Spec> & ServingConfig;
    runtime: Runtime;
    logger: Logger;
  }) => ComposedServer | Promise<ComposedServer>;
  /** Closes what `create` opened (pools, clients), after in-flight calls finished. */
  readonly close?: () => Promise<void>;
}

/** Runs a server bin; exits 2 with one clear stderr line on bad configuration. */
export async function runServerCli<Spec extends ConfigSpec>(options: ServerCliOptions<Spec>): Promise<void> {
  const argv = process.argv.slice(2);
  const spec = { ...servingConfigSpec(options.defaultPort), ...options.config };
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(
      `${options.bin} ${options.version}: ${options.description}\n\nUsage: ${options.bin} [flags]\n` +
        `With no flags it serves MCP over stdio. Flags win over their environment twins.\n\n${configHelp(spec)}\n`,
    );
    return;
  }
  if (argv.includes('--version')) {
    process.stdout.write(`${options.version}\n`);
    return;
  }
  let config: ConfigOf<typeof spec>;
  let authenticator: Authenticator | undefined;
  try {
    config = parseConfig(spec, { env: process.env, argv });
    const parsed = config as unknown as ServingConfig;
    if (parsed.transport === 'http') authenticator = authenticationFromConfig(parsed);
  } catch (error) {
    if (!(error instanceof ConfigInvalidError)) throw error;
    process.stderr.write(`${options.bin}: invalid configuration: ${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  const serving = config as unknown as ServingConfig;
  const logger = createLogger({ name: options.name, level: serving.logLevel });
  const stopTraceExport = await startTraceExport(options.name, process.env, logger);
  const runtime = createRuntime(options.name, {
    logger,
    toolTimeoutMs: serving.toolTimeoutMs,
    maxConcurrentCalls: serving.maxConcurrentCalls,
    ...(serving.cursorSecret ? { cursorSecret: serving.cursorSecret } : {}),
    ...(await sharedStateOptions(serving, logger)),
  });
  if (!serving.redisUrl && serving.transport === 'http') {
    logger.warn(
      'REDIS_URL is not set: idempotency, jobs and rate limits live in this process; replicas will not share them',
    );
  }
  if (!serving.cursorSecret && serving.transport === 'http') {
    logger.warn('CURSOR_SECRET is not set: pagination cursors are valid on this replica only');
  }
  let server: ComposedServer;
  try {
    server = await options.create({ config: config as ConfigOf<Spec> & ServingConfig, runtime, logger });
  } catch (error) {
    // A dependency that cannot be opened at start (a locked data directory, no cluster): one clear line, exit 1.
    logger.error({ err: error }, 'cannot start');
    process.stderr.write(`${options.bin}: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    await runtime.close().catch(() => undefined);
    finish(logger, 1);
    return;
  }
  const stop = await start(server, serving, authenticator);
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    void stop()
      .then(() => options.close?.())
      .then(() => runtime.close())
      .then(() => stopTraceExport?.())
      .then(
        () => finish(logger, 0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          finish(logger, 1);
        },
      );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

async function start(
  server: ComposedServer,
  config: ServingConfig,
  authenticator: Authenticator | undefined,
): Promise<() => Promise<void>> {
  if (config.transport === 'stdio') {
    const handle = serveStdio(server);
    void handle.closed.then(() => process.kill(process.pid, 'SIGTERM'));
    return () => handle.shutdown(config.shutdownGraceMs);
  }
  const handle = await serveHttp(server, {
    host: config.host,
    port: config.port,
    allowedHosts: config.allowedHosts,
    allowedOrigins: config.allowedOrigins,
    ...(authenticator ? { authenticator } : {}),
    publicUrl: config.publicUrl,
    authorizationServers: config.authIssuer ? [config.authIssuer] : [],
    shutdownDelayMs: config.shutdownDelayMs,
    shutdownGraceMs: config.shutdownGraceMs,
  });
  return () => handle.shutdown();
}

/** Exits with `code` once the logs are flushed; the exit code holds even if the loop empties first. */
function finish(logger: Logger, code: number): void {
  process.exitCode = code;
  logger.flush(() => process.exit(code));
}
