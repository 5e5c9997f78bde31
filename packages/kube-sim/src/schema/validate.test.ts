import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/status.js';
import { findResource } from '../model/resources.js';
import type { KubeObject } from '../model/types.js';
import { validateObject } from './validate.js';

const deployments = findResource('apps', 'deployments');
const services = findResource('', 'services');

function deployment(spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec };
}

const good = {
  selector: { matchLabels: { app: 'web' } },
  template: {
    metadata: { labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image: 'web:1', resources: { limits: { cpu: 1, memory: '64Mi' } } }] },
  },
};

function code(f: () => unknown): number | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof ApiError) return e.code;
  }
  return undefined;
}

describe('OpenAPI validation', () => {
  it('accepts a valid Deployment (quantities as numbers or strings)', () => {
    if (deployments === undefined) throw new Error('registry');
    expect(validateObject(deployments, deployment(good), 'Strict')).toEqual([]);
  });

  it('rejects unknown fields (Strict) and reports them as warnings (Warn)', () => {
    if (deployments === undefined) throw new Error('registry');
    const o = deployment({ ...good, replicaz: 2 });
    expect(code(() => validateObject(deployments, o, 'Strict'))).toBe(400);
    expect(validateObject(deployments, o, 'Warn')).toEqual(['unknown field "spec.replicaz"']);
  });

  it('rejects wrong types with 400 and missing required fields with 422', () => {
    if (deployments === undefined || services === undefined) throw new Error('registry');
    expect(code(() => validateObject(deployments, deployment({ ...good, replicas: '3' }), 'Strict'))).toBe(400);
    expect(code(() => validateObject(deployments, deployment({ template: good.template }), 'Strict'))).toBe(422);
    const svc: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { ports: [{ name: 'http' }] },
    };
    expect(code(() => validateObject(services, svc, 'Strict'))).toBe(422);
  });
});
