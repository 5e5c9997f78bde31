// Seeds the base cluster (namespaces, nodes) and the demo namespace with one Deployment per failure shape.

import type { ResourceOperations, WriteOptions } from '../api/operations.js';
import type { ClusterController } from '../controller/controller.js';
import { NODE_NAMES } from '../controller/kubelet.js';
import { findResource, type ResourceInfo } from '../model/resources.js';
import type { Deployment, KubeObject } from '../model/types.js';
import { nowIso, type ObjectStore } from '../store/store.js';
import { deploymentManifest, namespaceManifest, nodeManifest, serviceManifest } from './manifests.js';
import { DEMO_NAMESPACE, DEMO_WORKLOADS } from './names.js';

const OPTS: WriteOptions = {
  dryRun: false,
  fieldManager: 'kubectl-client-side-apply',
  fieldValidation: 'Strict',
  force: false,
};

function res(group: string, plural: string): ResourceInfo {
  const r = findResource(group, plural);
  if (r === undefined) throw new Error(`kube-sim: unknown resource ${plural}`);
  return r;
}

/** Create the namespaces and the three nodes every scenario has. */
export function seedBase(ops: ResourceOperations): void {
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease'])
    ops.create(res('', 'namespaces'), undefined, namespaceManifest(ns), OPTS);
  NODE_NAMES.forEach((name, i) => {
    ops.create(res('', 'nodes'), undefined, nodeManifest(name, i), { ...OPTS, fieldManager: 'kubelet' });
  });
}

function createDeployment(ops: ResourceOperations, d: Deployment): void {
  ops.create(res('apps', 'deployments'), d.metadata.namespace, d, OPTS);
}

function updateDeployment(ops: ResourceOperations, d: Deployment): void {
  const live = ops.get(res('apps', 'deployments'), d.metadata.namespace, d.metadata.name ?? '') as Deployment;
  live.spec.template = d.spec.template;
  ops.update(res('apps', 'deployments'), d.metadata.namespace, d.metadata.name ?? '', live, OPTS);
}

const API_ENV = [
  { name: 'REQUIRED_ENV', value: 'DATABASE_URL' },
  { name: 'DATABASE_URL', value: 'postgres://api@postgres.demo.svc:5432/api' },
  { name: 'LOG_LEVEL', value: 'info' },
];

function noiseEvents(store: ObjectStore): void {
  const objects: [string, string, string, 'Normal' | 'Warning', string, string][] = [
    [
      'HorizontalPodAutoscaler',
      'autoscaling/v2',
      'web-healthy',
      'Warning',
      'FailedGetResourceMetric',
      'failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API',
    ],
    [
      'CronJob',
      'batch/v1',
      'nightly-report',
      'Normal',
      'SawCompletedJob',
      'Saw completed job: nightly-report-28841760, status: Complete',
    ],
    ['Job', 'batch/v1', 'nightly-report-28841760', 'Normal', 'Completed', 'Job completed'],
    [
      'PersistentVolumeClaim',
      'v1',
      'search-data',
      'Normal',
      'ProvisioningSucceeded',
      'Successfully provisioned volume pvc-1f2e3d4c',
    ],
    ['Ingress', 'networking.k8s.io/v1', 'web', 'Normal', 'Sync', 'Scheduled for sync'],
  ];
  for (let i = 0; i < 30; i += 1) {
    objects.push([
      'Pod',
      'v1',
      `nightly-report-28841760-${'bcdfg'[i % 5]}${i}x7k`,
      'Normal',
      i % 2 === 0 ? 'Pulled' : 'Started',
      i % 2 === 0 ? 'Container image "report:2.0.0" already present on machine' : 'Started container report',
    ]);
  }
  objects.forEach(([kind, apiVersion, name, type, reason, message], i) => {
    const now = nowIso();
    const ev: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${name}.noise${i.toString(16).padStart(12, '0')}`, namespace: DEMO_NAMESPACE },
      involvedObject: {
        kind,
        apiVersion,
        name,
        namespace: DEMO_NAMESPACE,
        uid: `00000000-0000-4000-8000-${i.toString().padStart(12, '0')}`,
      },
      reason,
      message,
      type,
      count: 1 + (i % 4),
      firstTimestamp: now,
      lastTimestamp: now,
      eventTime: null,
      source: { component: kind === 'Pod' ? 'kubelet' : `${kind.toLowerCase()}-controller` },
      reportingComponent: kind === 'Pod' ? 'kubelet' : `${kind.toLowerCase()}-controller`,
      reportingInstance: '',
    };
    store.insert('events', ev);
  });
}

/** Seed the demo namespace and run the controller until every workload shows its failure shape. */
export function seedDemo(ops: ResourceOperations, store: ObjectStore, controller: ClusterController): void {
  const ns = DEMO_NAMESPACE;
  const w = DEMO_WORKLOADS;
  ops.create(res('', 'namespaces'), undefined, namespaceManifest(ns), OPTS);
  const port = [{ containerPort: 8080, name: 'http' }];
  const small = { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } };
  createDeployment(
    ops,
    deploymentManifest({
      name: w.healthy,
      namespace: ns,
      image: 'ghcr.io/acme/web:2.3.1',
      replicas: 3,
      container: { ports: port, resources: small },
    }),
  );
  ops.create(res('', 'services'), ns, serviceManifest(w.healthy, ns, 80, 8080), OPTS);
  const apiV1 = deploymentManifest({
    name: w.crashLoop,
    namespace: ns,
    image: 'ghcr.io/acme/app:1.4.2',
    replicas: 2,
    container: { ports: port, env: API_ENV, resources: small },
  });
  createDeployment(ops, apiV1);
  const billingV1 = deploymentManifest({
    name: w.stuckRollout,
    namespace: ns,
    image: 'ghcr.io/acme/billing:1.8.0',
    replicas: 3,
    progressDeadlineSeconds: 60,
    container: { ports: port, resources: small },
  });
  createDeployment(ops, billingV1);
  controller.runTicks(6);
  const apiV2 = structuredClone(apiV1);
  const apiContainer = apiV2.spec.template.spec.containers[0];
  if (apiContainer !== undefined) apiContainer.env = API_ENV.filter((e) => e.name !== 'DATABASE_URL');
  updateDeployment(ops, apiV2);
  const billingV2 = structuredClone(billingV1);
  const billingContainer = billingV2.spec.template.spec.containers[0];
  if (billingContainer !== undefined) {
    billingContainer.image = 'ghcr.io/acme/billing:1.9.0';
    billingContainer.readinessProbe = { httpGet: { path: '/fail', port: 8080 } };
  }
  updateDeployment(ops, billingV2);
  createDeployment(
    ops,
    deploymentManifest({
      name: w.oom,
      namespace: ns,
      image: 'ghcr.io/acme/worker:3.0.0',
      container: {
        env: [{ name: 'ALLOCATE_MB', value: '256' }],
        resources: { requests: { cpu: '100m', memory: '32Mi' }, limits: { memory: '32Mi' } },
      },
    }),
  );
  createDeployment(
    ops,
    deploymentManifest({
      name: w.imagePull,
      namespace: ns,
      image: 'registry.example.com/acme/cache:7.2-does-not-exist',
      container: { ports: [{ containerPort: 6379, name: 'redis' }] },
    }),
  );
  createDeployment(
    ops,
    deploymentManifest({
      name: w.unschedulable,
      namespace: ns,
      image: 'ghcr.io/acme/batch:1.0.0',
      container: { resources: { requests: { cpu: '16', memory: '1Gi' } } },
    }),
  );
  createDeployment(
    ops,
    deploymentManifest({
      name: w.configError,
      namespace: ns,
      image: 'ghcr.io/acme/auth:2.1.0',
      container: {
        env: [{ name: 'JWT_SIGNING_KEY', valueFrom: { secretKeyRef: { name: 'auth-jwt', key: 'signing-key' } } }],
      },
    }),
  );
  createDeployment(
    ops,
    deploymentManifest({
      name: w.notReady,
      namespace: ns,
      image: 'ghcr.io/acme/search:5.0.1',
      replicas: 2,
      progressDeadlineSeconds: 86_400,
      container: { ports: port, readinessProbe: { httpGet: { path: '/fail', port: 8080 } } },
    }),
  );
  noiseEvents(store);
  controller.runTicks(20);
}
