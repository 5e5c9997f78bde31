// Test helpers: real @kubernetes/client-node clients for a simulator, and Status parsing of ApiException.

import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import type { KubeSim } from '../kube-sim.js';

/** Typed clients loaded from the simulator's kubeconfig (or another identity's). */
export function clientsFor(sim: KubeSim, token?: string): { apps: AppsV1Api; core: CoreV1Api; kc: KubeConfig } {
  const kc = new KubeConfig();
  if (token === undefined) kc.loadFromFile(sim.kubeconfigPath);
  else kc.loadFromString(sim.kubeconfigFor(token));
  return { apps: kc.makeApiClient(AppsV1Api), core: kc.makeApiClient(CoreV1Api), kc };
}

/** Request options that set the PATCH content type. */
export function patchAs(kind: keyof typeof PatchStrategy): ReturnType<typeof setHeaderOptions> {
  return setHeaderOptions('Content-Type', PatchStrategy[kind]);
}

/** A parsed metav1.Status from a failed call. */
export interface StatusBody {
  kind: string;
  status: string;
  reason: string;
  code: number;
  message: string;
  details?: {
    name?: string;
    kind?: string;
    group?: string;
    causes?: { field?: string; message: string }[];
    retryAfterSeconds?: number;
  };
}

/** Run a call expected to fail and return its HTTP code, Status body and headers. */
export async function failure(
  call: Promise<unknown>,
): Promise<{ code: number; status: StatusBody; headers: Record<string, string> }> {
  try {
    await call;
  } catch (e) {
    if (e instanceof ApiException) {
      const body = typeof e.body === 'string' ? (JSON.parse(e.body) as StatusBody) : (e.body as StatusBody);
      return { code: e.code, status: body, headers: e.headers };
    }
    throw e;
  }
  throw new Error('expected the call to fail');
}

/** Poll until `check` returns a value (not undefined) or the timeout passes. */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('waitFor: timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A raw HTTPS response. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: <T = Record<string, unknown>>() => T;
}

/** A raw HTTPS call to the simulator (for bodies the typed client would rewrite, and for headers). */
export async function raw(
  sim: KubeSim,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; contentType?: string } = {},
): Promise<RawResponse> {
  const { request } = await import('node:https');
  const payload =
    opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${sim.url}${path}`,
      {
        method,
        ca: sim.caPem,
        headers: {
          Authorization: `Bearer ${opts.token ?? sim.adminToken}`,
          'Content-Type': opts.contentType ?? 'application/json',
          Accept: 'application/json',
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}
