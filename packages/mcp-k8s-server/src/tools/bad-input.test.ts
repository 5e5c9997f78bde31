/** Bad input is a clear INVALID_ARGUMENT, PERMISSION_DENIED or guard-rail QUOTA_EXCEEDED, and nothing reaches the API. */
import {
  callToolForTest,
  connectInProcess,
  countToolListTokens,
  type InProcessConnection,
} from '@bulkhead/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createK8sServer } from '../server.js';
import { refusingCluster } from '../test-support/refusing-cluster.js';
import { quietRuntime } from '../test-support/sim-harness.js';
import { k8sDeps } from './k8s-deps.js';

const { cluster, calls } = refusingCluster();
const server = createK8sServer(
  k8sDeps(cluster, { maxReplicas: 10, policy: { allowed: [], denied: ['kube-system', 'secrets-vault'] } }),
  quietRuntime(),
);
let connection: InProcessConnection;
beforeAll(async () => {
  connection = await connectInProcess(server);
});
afterAll(async () => {
  await connection.close();
});

const RID = 'req-bad-input-0001';

describe('bad input never reaches the API', () => {
  it.each([
    {
      what: 'an invalid name',
      tool: 'diagnose_workload',
      args: { namespace: 'demo', name: 'Web_App' },
      code: 'INVALID_ARGUMENT',
      field: 'name',
    },
    {
      what: 'a path in the namespace',
      tool: 'list_workloads',
      args: { namespace: '../kube-system' },
      code: 'INVALID_ARGUMENT',
      field: 'namespace',
    },
    {
      what: 'the denied kube-system',
      tool: 'list_workloads',
      args: { namespace: 'kube-system' },
      code: 'PERMISSION_DENIED',
      field: 'namespace',
    },
    {
      what: 'a configured denied namespace',
      tool: 'get_logs',
      args: { namespace: 'secrets-vault', name: 'web' },
      code: 'PERMISSION_DENIED',
      field: 'namespace',
    },
    {
      what: 'replicas above the server cap (a guard rail)',
      tool: 'scale_service',
      args: { namespace: 'demo', name: 'web', replicas: 11, request_id: RID },
      code: 'QUOTA_EXCEEDED',
      field: 'replicas',
    },
    {
      what: 'replicas above the schema bound',
      tool: 'scale_service',
      args: { namespace: 'demo', name: 'web', replicas: 1001, request_id: RID },
      code: 'INVALID_ARGUMENT',
      field: 'replicas',
    },
    {
      what: 'a change in the denied kube-system (a guard rail)',
      tool: 'restart_service',
      args: { namespace: 'kube-system', name: 'coredns', request_id: RID },
      code: 'QUOTA_EXCEEDED',
      field: 'namespace',
    },
    {
      what: 'negative replicas',
      tool: 'scale_service',
      args: { namespace: 'demo', name: 'web', replicas: -1, request_id: RID },
      code: 'INVALID_ARGUMENT',
      field: 'replicas',
    },
    {
      what: 'an image with spaces',
      tool: 'deploy_service',
      args: { namespace: 'demo', name: 'web', image: 'nginx:1.27; rm -rf /', request_id: RID },
      code: 'INVALID_ARGUMENT',
      field: 'image',
    },
    {
      what: 'an unknown field',
      tool: 'deploy_service',
      args: { namespace: 'demo', name: 'web', image: 'nginx:1.27', privileged: true, request_id: RID },
      code: 'INVALID_ARGUMENT',
      field: 'privileged',
    },
    {
      what: 'a missing request_id',
      tool: 'restart_service',
      args: { namespace: 'demo', name: 'web' },
      code: 'INVALID_ARGUMENT',
      field: 'request_id',
    },
    {
      what: 'a bad env name',
      tool: 'deploy_service',
      args: {
        namespace: 'demo',
        name: 'web',
        image: 'nginx:1.27',
        env: [{ name: 'A B', value: 'x' }],
        request_id: RID,
      },
      code: 'INVALID_ARGUMENT',
      field: 'env',
    },
    {
      what: 'a bad quantity',
      tool: 'deploy_service',
      args: {
        namespace: 'demo',
        name: 'web',
        image: 'nginx:1.27',
        resources: { memory_limit: 'lots' },
        request_id: RID,
      },
      code: 'INVALID_ARGUMENT',
      field: 'resources',
    },
    {
      what: 'both pod and name',
      tool: 'get_logs',
      args: { namespace: 'demo', name: 'web', pod: 'web-1' },
      code: 'INVALID_ARGUMENT',
      field: 'name',
    },
    {
      what: 'a forged cursor',
      tool: 'list_workloads',
      args: { namespace: 'demo', cursor: 'abc.def' },
      code: 'INVALID_CURSOR',
      field: 'cursor',
    },
  ])('$what → $code', async ({ tool, args, code, field }) => {
    const before = calls.length;
    const outcome = await callToolForTest(connection.client, tool, args);
    expect(outcome.isError).toBe(true);
    expect(outcome.error?.code).toBe(code);
    expect(outcome.text.toLowerCase()).toContain(field.toLowerCase());
    expect(calls.slice(before)).toEqual([]);
  });
});

describe('tools/list', () => {
  it('stays within 2,500 o200k tokens, sorted', async () => {
    const tokens = countToolListTokens(server);
    expect(tokens).toBeLessThanOrEqual(2500);
    const { tools } = await connection.client.listTools();
    expect(tools.map((t) => t.name)).toEqual([
      'cluster_overview',
      'deploy_service',
      'diagnose_workload',
      'get_job_status',
      'get_logs',
      'list_workloads',
      'restart_service',
      'rollback_service',
      'scale_service',
    ]);
  });

  it('lists only the read tools in the read-only profile', async () => {
    const readOnly = createK8sServer(k8sDeps(cluster), {}, { readOnly: true });
    expect(readOnly.listing.map((t) => t.name)).toEqual([
      'cluster_overview',
      'diagnose_workload',
      'get_job_status',
      'get_logs',
      'list_workloads',
    ]);
  });
});
