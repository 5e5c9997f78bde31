#!/usr/bin/env node
// kube-sim: start the demo scenario and print where to find it, for humans (Ctrl-C to stop).

import { DEMO_NAMESPACE, startKubeSim } from '../index.js';

const port = Number(process.env.KUBE_SIM_PORT ?? '0');
const kubeconfigPath = process.env.KUBE_SIM_KUBECONFIG;
const sim = await startKubeSim({ scenario: 'demo', port, ...(kubeconfigPath === undefined ? {} : { kubeconfigPath }) });
process.stderr.write(
  [
    `kube-sim: Kubernetes API simulator listening on ${sim.url}`,
    `kube-sim: kubeconfig written to ${sim.kubeconfigPath}`,
    `kube-sim: try  kubectl --kubeconfig ${sim.kubeconfigPath} get deploy -n ${DEMO_NAMESPACE}`,
    'kube-sim: press Ctrl-C to stop',
    '',
  ].join('\n'),
);
const stop = (): void => {
  sim.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
