/** Finds the cluster: KUBECONFIG, then ~/.kube/config, then the in-cluster service account; none is an error. */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';

/** Raised when no cluster configuration can be found or loaded; its message is one line for stderr. */
export class ClusterConfigMissingError extends Error {
  override readonly name = 'ClusterConfigMissingError';
}

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** Loads the kubeconfig the way kubectl finds it, refusing to guess a cluster (no localhost:8080 fallback). */
export function loadKubeConfig(env: NodeJS.ProcessEnv = process.env): KubeConfig {
  const kc = new KubeConfig();
  const explicit = env.KUBECONFIG?.split(':').find((p) => p.trim() !== '');
  const home = join(env.HOME ?? homedir(), '.kube', 'config');
  try {
    if (explicit !== undefined) {
      if (!existsSync(explicit))
        throw new ClusterConfigMissingError(`KUBECONFIG points at ${explicit}, which does not exist`);
      kc.loadFromFile(explicit);
    } else if (existsSync(home)) {
      kc.loadFromFile(home);
    } else if (env.KUBERNETES_SERVICE_HOST && existsSync(SERVICE_ACCOUNT_TOKEN)) {
      kc.loadFromCluster();
    } else {
      throw new ClusterConfigMissingError(
        'no Kubernetes cluster configured: set KUBECONFIG, create ~/.kube/config, or run in a cluster with a service account',
      );
    }
  } catch (error) {
    if (error instanceof ClusterConfigMissingError) throw error;
    throw new ClusterConfigMissingError(
      `the kubeconfig could not be loaded: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new ClusterConfigMissingError('the kubeconfig has no current cluster; set current-context');
  return withPlainHttpSupport(kc);
}

/** Plain http:// API servers need skipTLSVerify, or client-node tries to set up TLS options for them. */
export function withPlainHttpSupport(kc: KubeConfig): KubeConfig {
  const current = kc.getCurrentCluster();
  if (current?.server.startsWith('http://') && !current.skipTLSVerify) {
    kc.clusters = kc.clusters.map((c) => (c.name === current.name ? { ...c, skipTLSVerify: true } : c));
  }
  return kc;
}
