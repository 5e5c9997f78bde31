/** Serves a composed server over stdio: JSON-RPC on stdout, nothing else ever written there. */
import { serveStdio as sdkServeStdio } from '@modelcontextprotocol/server/stdio';
import type { ComposedServer } from '../server/compose-server.js';

/** A running stdio server. */
export interface StdioServerHandle {
  /** Resolves when stdin closes (the client went away). */
  readonly closed: Promise<void>;
  /** Stops serving; in-flight calls are aborted after `graceMs`. */
  shutdown(graceMs: number): Promise<void>;
}

/** Serves both protocol eras on stdin/stdout. */
export function serveStdio(server: ComposedServer): StdioServerHandle {
  const { logger } = server.runtime;
  const handle = sdkServeStdio(server.factory, {
    onerror: (error) => logger.debug({ err: error }, 'stdio transport reported an error'),
  });
  const closed = new Promise<void>((resolve) => process.stdin.once('close', resolve).once('end', resolve));
  logger.info('serving stdio');
  return {
    closed,
    async shutdown(graceMs: number) {
      const deadline = Date.now() + graceMs;
      while (server.runtime.inFlightCalls > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      server.runtime.abortInFlight('shutdown grace period over');
      await handle.close();
    },
  };
}
