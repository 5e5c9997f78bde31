#!/usr/bin/env node
/** The k8s bin: stdio by default, `--transport http` for Streamable HTTP; refuses to start without a cluster. */
import { runServerCli } from '@bulkhead/core/node';
import { ClientNodeCluster } from '../adapters/client-node-cluster.js';
import { probeCluster } from '../adapters/cluster-probe.js';
import { ClusterConfigMissingError, loadKubeConfig } from '../adapters/kube-config-loader.js';
import { K8S_DEFAULT_PORT, k8sConfig } from '../config.js';
import { createK8sServer } from '../server.js';
import { k8sDeps } from '../tools/k8s-deps.js';
import { VERSION } from '../version.js';

await runServerCli({
  bin: 'mcp-k8s-server',
  name: 'k8s',
  version: VERSION,
  description: 'deploy, scale, roll back, restart and diagnose Kubernetes workloads over MCP',
  defaultPort: K8S_DEFAULT_PORT,
  config: k8sConfig,
  create: async ({ config, runtime, logger }) => {
    try {
      const kubeConfig = loadKubeConfig();
      const version = await probeCluster(kubeConfig, Math.min(config.requestTimeoutMs, 5000));
      logger.info({ server_version: version, read_only: config.readOnly }, 'connected to the Kubernetes API');
      const cluster = new ClientNodeCluster(kubeConfig, { requestTimeoutMs: config.requestTimeoutMs });
      const deps = k8sDeps(cluster, {
        policy: { allowed: config.allowedNamespaces, denied: config.deniedNamespaces },
        maxReplicas: config.maxReplicas,
        mutationsPerDay: config.mutationsPerDay,
      });
      return createK8sServer(deps, runtime, { readOnly: config.readOnly });
    } catch (error) {
      if (!(error instanceof ClusterConfigMissingError)) throw error;
      process.stderr.write(`mcp-k8s-server: ${error.message}\n`);
      process.exit(1);
    }
  },
});
