/** A client's cancellation ends an in-flight call promptly and aborts the handler's Kubernetes API calls. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@bulkhead/core';
import { captureLogger, connectInProcess, type InProcessConnection } from '@bulkhead/core/testing';
import { DEMO_NAMESPACE, DEMO_WORKLOADS } from '@bulkhead/kube-sim';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Cluster } from '../ports/cluster.js';
import { createK8sServer } from '../server.js';
import { clusterFor, type SimHarness, startSimHarness } from '../test-support/sim-harness.js';
import { k8sDeps } from './k8s-deps.js';

/** Wraps every method of a cluster, recording its name, time and the signal it was given. */
function countingCluster(inner: Cluster): {
  cluster: Cluster;
  calls: Array<{ method: string; at: number; signal: AbortSignal }>;
} {
  const calls: Array<{ method: string; at: number; signal: AbortSignal }> = [];
  const cluster = new Proxy(inner, {
    get(target, property) {
      const method = Reflect.get(target, property) as unknown;
      if (typeof method !== 'function') return method;
      return (...args: unknown[]) => {
        const signal = args.at(-1) as AbortSignal;
        calls.push({ method: String(property), at: Date.now(), signal });
        return (method as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { cluster, calls };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('cancelling deploy_service while it waits for a rollout that never completes', () => {
  let h: SimHarness | undefined;
  afterAll(async () => {
    await h?.close();
  });

  it('the call ends at once as CANCELLED, the signal reached the API calls, and polling stops', async () => {
    const audit = captureLogger();
    let recorded: ReturnType<typeof countingCluster> | undefined;
    h = await startSimHarness({
      // Slow ticks: the crash-looping rollout stays "progressing" (its deadline never passes during the test).
      tickMs: 200,
      wrap: (cluster) => {
        recorded = countingCluster(cluster);
        return recorded.cluster;
      },
      runtime: { logger: createLogger({ name: 'k8s-test', level: 'error' }), auditLogger: audit.logger },
    });
    const calls = recorded?.calls ?? [];
    const controller = new AbortController();
    const started = Date.now();
    const pending = h.connection.client.callTool(
      {
        name: 'deploy_service',
        arguments: {
          namespace: DEMO_NAMESPACE,
          name: 'never-ready',
          image: 'ghcr.io/acme/app:crash',
          replicas: 2,
          wait_seconds: 20,
          request_id: 'cancel-deploy-0001',
        },
      },
      { signal: controller.signal },
    );
    pending.catch(() => undefined);
    // Wait until the rollout is being polled (pollIntervalMs is 100 in the harness).
    await expect
      .poll(() => calls.filter((c) => c.method === 'readDeployment').length, { timeout: 5000, interval: 20 })
      .toBeGreaterThanOrEqual(3);
    expect(calls.map((c) => c.method)).toContain('applyDeployment');
    const abortedAt = Date.now();
    controller.abort();
    await expect(pending).rejects.toThrow();
    expect(Date.now() - abortedAt).toBeLessThan(500);
    expect(Date.now() - started).toBeLessThan(10_000);

    // The server answered CANCELLED (audit line of the mutating call), not a timeout.
    await expect
      .poll(() => audit.lines.find((l) => l.request_id === 'cancel-deploy-0001')?.code, { timeout: 2000 })
      .toBe('CANCELLED');
    // Every API call of the handler carried the call's signal, and it is aborted now.
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(call.signal.aborted).toBe(true);
    // No further polling: nothing reaches the cluster for 5 poll intervals after the cancel.
    const seen = calls.length;
    await sleep(500);
    expect(calls.length).toBe(seen);
    expect(calls.every((c) => c.at <= abortedAt + 50)).toBe(true);
  });
});

describe('cancelling a read whose API request hangs', () => {
  let api: Server | undefined;
  let connection: InProcessConnection | undefined;
  afterEach(async () => {
    await connection?.close();
    api?.closeAllConnections();
    await new Promise((r) => api?.close(r));
  });

  it('aborts the in-flight HTTP request to the API server', async () => {
    // An API server that accepts a request and never answers.
    const requests: IncomingMessage[] = [];
    const closed: string[] = [];
    api = createServer((req) => {
      requests.push(req);
      req.socket.once('close', () => closed.push(req.url ?? ''));
    });
    await new Promise<void>((r) => api?.listen(0, '127.0.0.1', r));
    const { port } = api.address() as AddressInfo;
    const kubeconfig = [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{name: hang, cluster: {server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true}}]`,
      'users: [{name: u, user: {token: t}}]',
      'contexts: [{name: hang, context: {cluster: hang, user: u}}]',
      'current-context: hang',
    ].join('\n');
    const cluster = clusterFor(kubeconfig, 30_000);
    connection = await connectInProcess(
      createK8sServer(k8sDeps(cluster), { logger: createLogger({ name: 'k8s-test', level: 'silent' }) }),
    );
    const controller = new AbortController();
    const pending = connection.client.callTool(
      { name: 'get_logs', arguments: { namespace: DEMO_NAMESPACE, name: DEMO_WORKLOADS.healthy } },
      { signal: controller.signal },
    );
    pending.catch(() => undefined);
    await expect.poll(() => requests.length, { timeout: 5000, interval: 10 }).toBe(1);
    expect(requests[0]?.url).toContain(
      `/apis/apps/v1/namespaces/${DEMO_NAMESPACE}/deployments/${DEMO_WORKLOADS.healthy}`,
    );
    const abortedAt = Date.now();
    controller.abort();
    await expect(pending).rejects.toThrow();
    // The request's connection is torn down long before the 30 s client timeout.
    await expect.poll(() => closed.length, { timeout: 2000, interval: 10 }).toBe(1);
    expect(Date.now() - abortedAt).toBeLessThan(1000);
    expect(requests).toHaveLength(1);
  });
});
