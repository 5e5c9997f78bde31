// Kubeconfig YAML for the simulator: the CA inline, the server URL and a bearer token.

import { dump } from 'js-yaml';

/** Build a kubeconfig whose current context is `kube-sim`. */
export function buildKubeconfig(server: string, caPem: string, token: string, user = 'kube-sim-admin'): string {
  return dump({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'kube-sim',
        cluster: { server, 'certificate-authority-data': Buffer.from(caPem).toString('base64') },
      },
    ],
    users: [{ name: user, user: { token } }],
    contexts: [{ name: 'kube-sim', context: { cluster: 'kube-sim', user, namespace: 'default' } }],
    'current-context': 'kube-sim',
    preferences: {},
  });
}
