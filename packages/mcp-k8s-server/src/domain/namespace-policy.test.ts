/** The namespace policy: deny wins, an allow list narrows. */
import { describe, expect, it } from 'vitest';
import { assertNamespaceAllowed, DEFAULT_NAMESPACE_POLICY, isNamespaceAllowed } from './namespace-policy.js';

describe('namespace policy', () => {
  it('denies kube-system by default and allows the rest', () => {
    expect(isNamespaceAllowed(DEFAULT_NAMESPACE_POLICY, 'kube-system')).toBe(false);
    expect(isNamespaceAllowed(DEFAULT_NAMESPACE_POLICY, 'demo')).toBe(true);
  });

  it('narrows to the allow list, and deny wins over allow', () => {
    const policy = { allowed: ['demo', 'kube-system'], denied: ['kube-system'] };
    expect(isNamespaceAllowed(policy, 'prod')).toBe(false);
    expect(isNamespaceAllowed(policy, 'kube-system')).toBe(false);
    expect(() => assertNamespaceAllowed(policy, 'prod')).toThrow(/use one of: demo, kube-system/);
  });
});
