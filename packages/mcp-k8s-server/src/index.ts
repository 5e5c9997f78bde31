/** @bulkhead/mcp-k8s-server: the importable factory and its parts. */
export { ClientNodeCluster, type ClientNodeClusterOptions, FIELD_MANAGER } from './adapters/client-node-cluster.js';
export { ClusterConfigMissingError, loadKubeConfig } from './adapters/kube-config-loader.js';
export { K8S_DEFAULT_PORT, k8sConfig } from './config.js';
export type { Diagnosis } from './domain/diagnosis-schema.js';
export { DEFAULT_NAMESPACE_POLICY, type NamespacePolicy } from './domain/namespace-policy.js';
export type { Cluster } from './ports/cluster.js';
export { grantStrings, K8S_CLUSTER_OVERVIEW_GRANTS, K8S_ROLE_GRANTS, type RbacGrant } from './rbac-grants.js';
export { createK8sServer, type K8sServerOptions } from './server.js';
export { k8sReadOnlyTools, k8sTools } from './tools/index.js';
export { type K8sDeps, k8sDeps } from './tools/k8s-deps.js';
export { VERSION } from './version.js';
