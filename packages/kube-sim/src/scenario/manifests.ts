// Builders for the manifests scenarios and seeding create (Deployments, Services, namespaces, nodes).

import type { Container, Deployment, KubeObject } from '../model/types.js';

/** Options of a simple single-container Deployment. */
export interface WorkloadSpec {
  name: string;
  namespace: string;
  image: string;
  replicas?: number;
  container?: Partial<Container>;
  progressDeadlineSeconds?: number;
}

/** A Deployment manifest with one container named after the app. */
export function deploymentManifest(w: WorkloadSpec): Deployment {
  const labels = { app: w.name };
  const d: Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: w.name, namespace: w.namespace, labels: { ...labels, 'app.kubernetes.io/part-of': 'demo' } },
    spec: {
      replicas: w.replicas ?? 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: w.name.split('-')[0] ?? 'app', image: w.image, ...w.container }] },
      },
    },
  };
  if (w.progressDeadlineSeconds !== undefined) d.spec.progressDeadlineSeconds = w.progressDeadlineSeconds;
  return d;
}

/** A ClusterIP Service selecting `app=<name>`. */
export function serviceManifest(name: string, namespace: string, port: number, targetPort: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, labels: { app: name } },
    spec: { selector: { app: name }, ports: [{ name: 'http', port, targetPort, protocol: 'TCP' }] },
  };
}

/** A Namespace. */
export function namespaceManifest(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

/** A ready Node with 4 CPU and 16Gi allocatable. */
export function nodeManifest(name: string, index: number): KubeObject {
  const now = new Date().toISOString().slice(0, 19).concat('Z');
  const capacity = { cpu: '4', memory: '16Gi', pods: '110', 'ephemeral-storage': '100Gi' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'node.kubernetes.io/instance-type': 'sim.large',
        'topology.kubernetes.io/zone': `sim-zone-${String.fromCharCode(97 + index)}`,
      },
    },
    spec: { podCIDR: `10.244.${index + 1}.0/24` },
    status: {
      capacity,
      allocatable: capacity,
      conditions: [
        {
          type: 'MemoryPressure',
          status: 'False',
          reason: 'KubeletHasSufficientMemory',
          message: 'kubelet has sufficient memory available',
          lastHeartbeatTime: now,
          lastTransitionTime: now,
        },
        {
          type: 'DiskPressure',
          status: 'False',
          reason: 'KubeletHasNoDiskPressure',
          message: 'kubelet has no disk pressure',
          lastHeartbeatTime: now,
          lastTransitionTime: now,
        },
        {
          type: 'PIDPressure',
          status: 'False',
          reason: 'KubeletHasSufficientPID',
          message: 'kubelet has sufficient PID available',
          lastHeartbeatTime: now,
          lastTransitionTime: now,
        },
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
          lastHeartbeatTime: now,
          lastTransitionTime: now,
        },
      ],
      addresses: [
        { type: 'InternalIP', address: `10.0.0.${11 + index}` },
        { type: 'Hostname', address: name },
      ],
      nodeInfo: {
        kubeletVersion: 'v1.31.0',
        kubeProxyVersion: 'v1.31.0',
        containerRuntimeVersion: 'containerd://1.7.20',
        osImage: 'kube-sim Linux',
        operatingSystem: 'linux',
        architecture: 'amd64',
        kernelVersion: '6.8.0',
        machineID: '',
        systemUUID: '',
        bootID: '',
      },
    },
  };
}
