/** The k8s settings parse with their defaults and refuse bad values with one clear line. */
import { ConfigInvalidError, parseConfig } from '@bulkhead/core';
import { describe, expect, it } from 'vitest';
import { k8sConfig } from './config.js';

describe('k8sConfig', () => {
  it('defaults: deny kube-system, not read-only, 20 replicas', () => {
    expect(parseConfig(k8sConfig, { env: {}, argv: [] })).toEqual({
      allowedNamespaces: [],
      deniedNamespaces: ['kube-system'],
      readOnly: false,
      maxReplicas: 20,
      mutationsPerDay: 0,
      requestTimeoutMs: 10_000,
    });
  });

  it('reads lists, flags and the read-only profile', () => {
    const config = parseConfig(k8sConfig, {
      env: { K8S_ALLOWED_NAMESPACES: 'demo, shop', K8S_READ_ONLY: 'true', K8S_MUTATIONS_PER_DAY: '200' },
      argv: ['--max-replicas', '5'],
    });
    expect(config).toMatchObject({
      allowedNamespaces: ['demo', 'shop'],
      readOnly: true,
      maxReplicas: 5,
      mutationsPerDay: 200,
    });
  });

  it('refuses a namespace that is not a DNS-1123 label, naming the variable', () => {
    expect(() => parseConfig(k8sConfig, { env: { K8S_DENIED_NAMESPACES: '../etc' }, argv: [] })).toThrow(
      ConfigInvalidError,
    );
    expect(() => parseConfig(k8sConfig, { env: { K8S_DENIED_NAMESPACES: '../etc' }, argv: [] })).toThrow(
      /K8S_DENIED_NAMESPACES/,
    );
  });
});
