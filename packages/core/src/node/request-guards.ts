/** Guards in front of /mcp: Host and Origin allow-lists, and JSON shape limits (DESIGN §9). */
import type { IncomingMessage } from 'node:http';

/** Limits on a request body; answered as JSON-RPC errors, never HTML. */
export const BODY_LIMITS = { maxBytes: 256 * 1024, maxDepth: 32, maxElements: 1000 } as const;

/** Host names that mean "this machine". */
export const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]', '::1'] as const;

/** Whether an address is loopback (only such binds get loopback defaults and no-auth). */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.');
}

/** The host name of a Host header or Origin URL, lower-cased and without port. */
export function hostnameOf(value: string): string | undefined {
  try {
    return new URL(value.includes('://') ? value : `http://${value}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** Whether the request's Host header names an allowed host (DNS-rebinding protection). */
export function hostAllowed(req: IncomingMessage, allowed: ReadonlySet<string>): boolean {
  const host = req.headers.host;
  const name = host ? hostnameOf(host) : undefined;
  return name !== undefined && allowed.has(name);
}

/** Whether the request's Origin (when present) is allowed; requests without Origin are not from browsers. */
export function originAllowed(req: IncomingMessage, allowed: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const name = hostnameOf(origin);
  return name !== undefined && allowed.has(name);
}

/** Checks nesting depth and total element count (array items + object members) of a parsed JSON value. */
export function jsonShapeProblem(value: unknown): string | undefined {
  let elements = 0;
  const stack: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 1 }];
  while (stack.length > 0) {
    const top = stack.pop();
    if (!top || top.node === null || typeof top.node !== 'object') continue;
    if (top.depth > BODY_LIMITS.maxDepth) return `JSON nesting deeper than ${BODY_LIMITS.maxDepth} levels`;
    const children = Array.isArray(top.node) ? top.node : Object.values(top.node);
    elements += children.length;
    if (elements > BODY_LIMITS.maxElements) return `JSON with more than ${BODY_LIMITS.maxElements} elements`;
    for (const child of children) stack.push({ node: child, depth: top.depth + 1 });
  }
  return undefined;
}
