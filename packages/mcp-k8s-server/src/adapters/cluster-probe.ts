/** Checks at start that the configured API server answers, so the bin can refuse to start without a cluster. */
import { type KubeConfig, VersionApi } from '@kubernetes/client-node';
import { callOptions } from './kube-call-options.js';
import { ClusterConfigMissingError } from './kube-config-loader.js';
import { networkCode } from './kube-error-mapping.js';

/** Resolves with the server's version, or rejects with a one-line ClusterConfigMissingError. */
export async function probeCluster(kubeConfig: KubeConfig, timeoutMs: number): Promise<string> {
  const server = kubeConfig.getCurrentCluster()?.server ?? '(none)';
  try {
    const info = await kubeConfig
      .makeApiClient(VersionApi)
      .getCode(callOptions(new AbortController().signal, timeoutMs));
    return info.gitVersion;
  } catch (error) {
    const cause = networkCode(error) ?? (error as { code?: unknown }).code ?? (error as Error).message.split('\n')[0];
    throw new ClusterConfigMissingError(`cannot reach the Kubernetes API server at ${server} (${String(cause)})`);
  }
}
