// startKubeSim: composes the store, controller, API server, TLS and kubeconfig into one running simulator.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenRegistry } from './api/auth.js';
import { FaultInjector, type FaultSpec } from './api/faults.js';
import { buildKubeconfig } from './api/kubeconfig.js';
import { ResourceOperations, type WriteOptions } from './api/operations.js';
import { createApiServer } from './api/server.js';
import { generateTls } from './api/tls.js';
import { ClusterController } from './controller/controller.js';
import { readPodLogs } from './controller/logs.js';
import { findResource, type ResourceInfo } from './model/resources.js';
import { seedBase, seedDemo } from './scenario/demo.js';
import { deploymentManifest, namespaceManifest } from './scenario/manifests.js';
import { ObjectStore } from './store/store.js';

/** Options of `startKubeSim`. */
export interface KubeSimOptions {
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Port; default 0 (a free port). */
  port?: number;
  /** 'demo' seeds namespace `demo` with one Deployment per failure shape; default 'empty'. */
  scenario?: 'demo' | 'empty';
  /** Controller step interval in ms; default 50. */
  tickMs?: number;
  /** Where to write the kubeconfig; default a file in a new temp directory. */
  kubeconfigPath?: string;
}

/** A running simulated Kubernetes API server. */
export interface KubeSim {
  /** `https://127.0.0.1:PORT`. */
  readonly url: string;
  /** Kubeconfig with the CA, the server and the admin token; current-context `kube-sim`. */
  readonly kubeconfigPath: string;
  /** The same kubeconfig as YAML. */
  readonly kubeconfigYaml: string;
  /** PEM of the CA that signed the server certificate. */
  readonly caPem: string;
  /** Bearer token with full access. */
  readonly adminToken: string;
  /** Bearer token allowed only get/list/watch; writes get 403 Forbidden naming verb and resource. */
  readonly readOnlyToken: string;
  /** A kubeconfig (YAML) for another token. */
  kubeconfigFor(token: string): string;
  /** Make the next `count` matching requests fail with the given status (429 carries Retry-After). */
  injectFaults(f: FaultSpec): void;
  /** Create `count` single-replica Deployments in a namespace (created if missing). */
  seedDeployments(namespace: string, count: number, opts?: { namePrefix?: string; image?: string }): Promise<void>;
  /** Run the controller until no rollout is in progress (bounded). */
  settle(): Promise<void>;
  /** Expire every continue token and watch resourceVersion issued so far (as an etcd compaction does). */
  compact(): void;
  /** Stop serving and remove the temp files. */
  close(): Promise<void>;
}

const ADMIN_OPTS: WriteOptions = { dryRun: false, fieldManager: 'kube-sim', fieldValidation: 'Strict', force: false };

function resource(group: string, plural: string): ResourceInfo {
  const r = findResource(group, plural);
  if (r === undefined) throw new Error(`kube-sim: unknown resource ${plural}`);
  return r;
}

/** Start a simulator: HTTPS on 127.0.0.1, a fresh CA, a kubeconfig on disk and a running controller. */
export async function startKubeSim(options: KubeSimOptions = {}): Promise<KubeSim> {
  const host = options.host ?? '127.0.0.1';
  const store = new ObjectStore();
  const ops = new ResourceOperations(store);
  const controller = new ClusterController(store);
  seedBase(ops);
  if (options.scenario === 'demo') seedDemo(ops, store, controller);
  const tls = await generateTls(host);
  const tokens = new TokenRegistry();
  const adminToken = `kube-sim-admin.${randomBytes(16).toString('hex')}`;
  const readOnlyToken = `kube-sim-readonly.${randomBytes(16).toString('hex')}`;
  tokens.add(adminToken, { user: 'kube-sim:admin', readOnly: false });
  tokens.add(readOnlyToken, { user: 'system:serviceaccount:kube-sim:read-only', readOnly: true });
  const faults = new FaultInjector();
  let address = '';
  const api = createApiServer(
    {
      store,
      ops,
      tokens,
      faults,
      readLogs: (pod, q) => readPodLogs(pod, q, controller.lookupFor(pod.metadata.namespace ?? 'default')),
      serverAddress: () => address,
    },
    tls,
  );
  await new Promise<void>((resolve, reject) => {
    api.server.once('error', reject);
    api.server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (api.server.address() as AddressInfo).port;
  address = `${host}:${port}`;
  const url = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const kubeconfigYaml = buildKubeconfig(url, tls.caPem, adminToken);
  const tempDir = options.kubeconfigPath === undefined ? mkdtempSync(join(tmpdir(), 'kube-sim-')) : undefined;
  const kubeconfigPath = options.kubeconfigPath ?? join(tempDir ?? tmpdir(), 'kubeconfig');
  writeFileSync(kubeconfigPath, kubeconfigYaml, { mode: 0o600 });
  controller.start(options.tickMs ?? 50);
  let closed = false;
  return {
    url,
    kubeconfigPath,
    kubeconfigYaml,
    caPem: tls.caPem,
    adminToken,
    readOnlyToken,
    kubeconfigFor: (token) => buildKubeconfig(url, tls.caPem, token, 'kube-sim-user'),
    injectFaults: (f) => faults.add(f),
    seedDeployments: async (namespace, count, opts = {}) => {
      if (store.get('namespaces', undefined, namespace) === undefined)
        ops.create(resource('', 'namespaces'), undefined, namespaceManifest(namespace), ADMIN_OPTS);
      const width = String(count).length;
      for (let i = 0; i < count; i += 1) {
        const name = `${opts.namePrefix ?? 'app'}-${String(i).padStart(width, '0')}`;
        const d = deploymentManifest({ name, namespace, image: opts.image ?? 'ghcr.io/acme/app:1.0.0' });
        ops.create(resource('apps', 'deployments'), namespace, d, ADMIN_OPTS);
        if (i % 50 === 49) await new Promise<void>((r) => setImmediate(r));
      }
    },
    settle: () => controller.settle(),
    compact: () => {
      store.compactedRevision = store.revision;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      controller.stop();
      api.closeWatches();
      api.server.closeAllConnections();
      await new Promise<void>((resolve) => api.server.close(() => resolve()));
      if (tempDir !== undefined) rmSync(tempDir, { recursive: true, force: true });
    },
  };
}
