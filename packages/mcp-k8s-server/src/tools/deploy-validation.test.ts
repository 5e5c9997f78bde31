/** deploy_service checks the manifests it builds against the Kubernetes OpenAPI schema before applying them. */
import { callToolForTest, connectInProcess, type InProcessConnection } from '@bulkhead/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Deployment } from '../domain/k8s-objects.js';
import type { Cluster } from '../ports/cluster.js';
import { createK8sServer } from '../server.js';
import { quietRuntime } from '../test-support/sim-harness.js';
import { k8sDeps } from './k8s-deps.js';

/** A cluster whose Deployment read answers `existing`, and whose applies record what they were sent. */
function applyingCluster(existing: Deployment) {
  const calls: string[] = [];
  const applied: object[] = [];
  const answers: Record<string, (...args: unknown[]) => unknown> = {
    readDeployment: () => existing,
    applyDeployment: (manifest) => {
      applied.push(manifest as object);
      return { metadata: { generation: 2 } };
    },
    applyService: (manifest) => {
      applied.push(manifest as object);
    },
  };
  const cluster = new Proxy({} as Cluster, {
    get: (_t, property) => {
      const answer = answers[String(property)];
      return (...args: unknown[]) => {
        calls.push(String(property));
        return answer ? Promise.resolve(answer(...args)) : Promise.reject(new Error(`unexpected ${String(property)}`));
      };
    },
  });
  return { cluster, calls, applied };
}

let connection: InProcessConnection | undefined;
afterEach(async () => {
  await connection?.close();
  connection = undefined;
});

const ARGS = {
  namespace: 'demo',
  name: 'web',
  image: 'ghcr.io/acme/web:2.0.0',
  port: 8080,
  service: true,
  dry_run: true,
  request_id: 'validate-0001',
};

describe('deploy_service and the OpenAPI schema', () => {
  it('a normal deploy passes the check and is applied', async () => {
    const { cluster, calls, applied } = applyingCluster({
      metadata: { name: 'web', namespace: 'demo' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: { spec: { containers: [{ name: 'main', image: 'x' }] } },
      },
    });
    connection = await connectInProcess(createK8sServer(k8sDeps(cluster), quietRuntime()));
    const outcome = await callToolForTest(connection.client, 'deploy_service', ARGS);
    expect(outcome.isError, outcome.text).toBe(false);
    expect(calls).toEqual(['readDeployment', 'applyDeployment', 'applyService']);
    // The live selector and container name are kept; the Service selects the same pods.
    expect(applied[0]).toMatchObject({ spec: { selector: { matchLabels: { app: 'web' } } } });
    expect(applied[1]).toMatchObject({ kind: 'Service', spec: { selector: { app: 'web' } } });
  });

  it('a manifest that breaks the schema is INVALID_ARGUMENT naming the path, and nothing is applied', async () => {
    // A live Deployment whose selector holds a non-string label value (a misbehaving API or proxy): the manifest
    // built from it would carry the wrong type; client-node would send it and the server would reject or coerce it.
    const { cluster, calls, applied } = applyingCluster({
      metadata: { name: 'web', namespace: 'demo' },
      spec: {
        selector: { matchLabels: { app: 7 as unknown as string } },
        template: { spec: { containers: [{ name: 'main', image: 'x' }] } },
      },
    });
    connection = await connectInProcess(createK8sServer(k8sDeps(cluster), quietRuntime()));
    const outcome = await callToolForTest(connection.client, 'deploy_service', { ...ARGS, dry_run: false });
    expect(outcome.error).toMatchObject({
      code: 'INVALID_ARGUMENT',
      retryable: false,
      outcome: 'not_executed',
      details: {
        kind: 'Deployment',
        issues: expect.arrayContaining([{ field: 'spec.selector.matchLabels.app', rule: 'type' }]),
      },
    });
    expect(outcome.text).toContain('spec.selector.matchLabels.app expected string, got integer');
    expect(outcome.text).toContain('Nothing was sent');
    expect(calls).toEqual(['readDeployment']);
    expect(applied).toEqual([]);
  });
});
