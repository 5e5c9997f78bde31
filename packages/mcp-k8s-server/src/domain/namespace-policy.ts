/** Which namespaces this server may touch: an allow list (empty = all) minus a deny list (kube-system by default). */
import { ToolError } from '@bulkhead/core';

/** The namespace policy from config. */
export interface NamespacePolicy {
  /** When non-empty, only these namespaces. */
  readonly allowed: readonly string[];
  /** Never these namespaces, even when allowed. */
  readonly denied: readonly string[];
}

/** The default policy: every namespace but kube-system. */
export const DEFAULT_NAMESPACE_POLICY: NamespacePolicy = { allowed: [], denied: ['kube-system'] };

/** Whether the policy lets the server touch `namespace`. */
export function isNamespaceAllowed(policy: NamespacePolicy, namespace: string): boolean {
  if (policy.denied.includes(namespace)) return false;
  return policy.allowed.length === 0 || policy.allowed.includes(namespace);
}

/** Throws PERMISSION_DENIED (nothing sent to the API) when the policy forbids `namespace`. */
export function assertNamespaceAllowed(policy: NamespacePolicy, namespace: string): void {
  if (isNamespaceAllowed(policy, namespace)) return;
  const hint =
    policy.allowed.length > 0 ? `use one of: ${policy.allowed.slice(0, 10).join(', ')}` : 'use another namespace';
  throw new ToolError(
    'PERMISSION_DENIED',
    `Namespace "${namespace}" is not allowed by this server's policy; ${hint}.`,
    {
      retryable: false,
      details: { field: 'namespace' },
    },
  );
}
