/** The servers the bench starts: the two baselines and the built Bulkhead bins, each in its own process. */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerSpec } from './spawn-server.ts';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

/** Environment every Bulkhead child gets: the rate limiter stays on the hot path but never refuses the load. */
export const BULKHEAD_BENCH_ENV = { RATE_LIMIT_PER_SEC: '100000', RATE_LIMIT_BURST: '1000000' } as const;

/** The built bin of a workspace server package, or undefined when it is not built. */
export function builtBin(pkg: string, bin: string): string | undefined {
  try {
    const path = join(dirname(require.resolve(pkg)), 'bin', `${bin}.js`);
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** The raw node:http JSON-RPC responder (the practical ceiling). */
export function rawServerSpec(logDir: string): ServerSpec {
  return { name: 'raw node:http', args: [join(here, 'raw-server.ts'), '{port}'], logFile: join(logDir, 'raw.log') };
}

/** One tool on the SDK's documented stateless pattern (a fresh McpServer per request). */
export function sdkServerSpec(logDir: string): ServerSpec {
  return { name: 'SDK per request', args: [join(here, 'sdk-server.ts'), '{port}'], logFile: join(logDir, 'sdk.log') };
}

/** A Bulkhead bin serving Streamable HTTP with its production defaults (LOG_LEVEL info, to a file). */
export function binHttpSpec(name: string, bin: string, logDir: string, env: Record<string, string> = {}): ServerSpec {
  return {
    name,
    args: [bin, '--transport', 'http', '--host', '127.0.0.1', '--port', '{port}'],
    env: { ...BULKHEAD_BENCH_ENV, ...env },
    logFile: join(logDir, `${name.replaceAll(/[^a-z0-9]+/gi, '-')}.log`),
  };
}
