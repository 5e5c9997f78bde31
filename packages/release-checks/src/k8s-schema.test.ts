/** The validator fails what the API server would reject: unknown fields, wrong types, missing required fields. */
import { describe, expect, it } from 'vitest';
import { K8sSchema } from './k8s-schema.js';

const schema = K8sSchema.load();
const deployment = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'x', labels: { app: 'x' } },
  spec: {
    selector: { matchLabels: { app: 'x' } },
    template: {
      metadata: { labels: { app: 'x' } },
      spec: {
        containers: [
          {
            name: 'x',
            image: 'x:1.0.0',
            ports: [{ containerPort: 8080 }],
            livenessProbe: { httpGet: { path: '/healthz', port: 'http' } },
            resources: { limits: { cpu: 1, memory: '1Gi' } },
          },
        ],
      },
    },
  },
});

describe('K8sSchema', () => {
  it('accepts a valid Deployment (IntOrString ports, numeric quantities)', () => {
    expect(schema.validate(deployment())).toEqual([]);
  });

  it('fails an unknown field, at any depth', () => {
    const top = { ...deployment(), extra: true };
    expect(schema.validate(top)).toEqual([{ path: '$.extra', message: 'is not a known field' }]);
    const deep = deployment();
    Object.assign(deep.spec.template.spec.containers[0] ?? {}, { livenesProbe: {} });
    expect(schema.validate(deep)).toEqual([
      { path: '$.spec.template.spec.containers[0].livenesProbe', message: 'is not a known field' },
    ]);
  });

  it('fails a wrong type and a missing required field', () => {
    const wrong = deployment();
    Object.assign(wrong.spec, { replicas: '2' });
    expect(schema.validate(wrong)).toEqual([{ path: '$.spec.replicas', message: 'expected an integer, got "2"' }]);
    const missing = deployment();
    Object.assign(missing.spec.template.spec.containers[0] ?? {}, { name: undefined });
    expect(schema.validate(missing)).toEqual([
      { path: '$.spec.template.spec.containers[0].name', message: 'is required' },
    ]);
  });

  it('fails kinds the API does not know, and fields newer than v1.27', () => {
    expect(
      schema.validate({ apiVersion: 'autoscaling/v2beta9', kind: 'HorizontalPodAutoscaler', metadata: {} }),
    ).toEqual([{ path: '$', message: 'unknown kind autoscaling/v2beta9 HorizontalPodAutoscaler' }]);
    const sleep = deployment();
    Object.assign(sleep.spec.template.spec.containers[0] ?? {}, { lifecycle: { preStop: { sleep: { seconds: 5 } } } });
    expect(schema.validate(sleep)).toEqual([
      { path: '$.spec.template.spec.containers[0].lifecycle.preStop.sleep', message: 'is not a known field' },
    ]);
  });

  it('knows every kind a server bundle uses', () => {
    for (const [apiVersion, kind] of [
      ['apps/v1', 'Deployment'],
      ['v1', 'Service'],
      ['v1', 'ServiceAccount'],
      ['v1', 'ConfigMap'],
      ['v1', 'Secret'],
      ['autoscaling/v2', 'HorizontalPodAutoscaler'],
      ['policy/v1', 'PodDisruptionBudget'],
      ['networking.k8s.io/v1', 'NetworkPolicy'],
      ['rbac.authorization.k8s.io/v1', 'Role'],
      ['rbac.authorization.k8s.io/v1', 'RoleBinding'],
    ] as const)
      expect(schema.definitionFor(apiVersion, kind), `${apiVersion} ${kind}`).toBeDefined();
  });
});
