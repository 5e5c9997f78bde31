/** The deployment rules every rendered server bundle keeps (probes, non-root, limits, HPA, PDB, RBAC, config). */
import type { K8sObject } from './kustomize.js';

/** One broken rule: which object and what is wrong. */
export interface RuleViolation {
  object: string;
  message: string;
}

/** Secret keys each server reads, by server name (app.kubernetes.io/name). */
export const REQUIRED_SECRET_KEYS: Record<string, readonly string[]> = {
  'mcp-calculator-server': ['CURSOR_SECRET', 'REDIS_URL'],
  'mcp-billing-server': ['CURSOR_SECRET', 'DATABASE_URL', 'REDIS_URL'],
  'mcp-k8s-server': ['CURSOR_SECRET', 'REDIS_URL'],
};
/** ConfigMap keys every server needs to authenticate callers and drain gracefully. */
export const REQUIRED_CONFIG_KEYS = [
  'AUTH_MODE',
  'AUTH_ISSUER',
  'AUTH_JWKS_URL',
  'PUBLIC_URL',
  'ALLOWED_HOSTS',
  'TOOL_TIMEOUT_MS',
  'SHUTDOWN_DELAY_MS',
  'SHUTDOWN_GRACE_MS',
] as const;
/** The only server allowed to talk to the Kubernetes API. */
export const K8S_SERVER = 'mcp-k8s-server';

type Json = Record<string, unknown>;
const rec = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(rec) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const id = (o: K8sObject) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** Whether a matchLabels selector selects a label set (every selector label present and equal). */
export function selects(selector: unknown, labels: unknown): boolean {
  const wanted = Object.entries(rec(rec(selector).matchLabels));
  const have = rec(labels);
  return wanted.length > 0 && wanted.every(([k, v]) => have[k] === v);
}

/** Checks every rule over one rendered bundle and returns the violations (empty when all hold). */
export function checkBundle(objects: readonly K8sObject[]): RuleViolation[] {
  const out: RuleViolation[] = [];
  const find = (kind: string, name: string, namespace: string | undefined) =>
    objects.find((o) => o.kind === kind && o.metadata.name === name && o.metadata.namespace === namespace);
  for (const deployment of objects.filter((o) => o.kind === 'Deployment')) {
    const fail = (message: string) => out.push({ object: id(deployment), message });
    const ns = deployment.metadata.namespace;
    const spec = rec(deployment.spec);
    const template = rec(spec.template);
    const podLabels = rec(template.metadata).labels;
    const pod = rec(template.spec);
    const server = str(rec(podLabels)['app.kubernetes.io/name']) ?? '';
    if (!selects(spec.selector, podLabels)) fail('the selector does not select its own pod template');
    if (spec.replicas !== undefined) fail('sets replicas although the HPA owns the count');
    checkPodSecurity(pod, server, fail);
    const configMap = checkContainers(pod, server, ns, find, fail);
    checkShutdown(pod, configMap, fail);
    checkCompanions(objects, deployment, podLabels, pod, server, fail);
  }
  checkRbac(objects, out);
  return out;
}

function checkPodSecurity(pod: Json, server: string, fail: (m: string) => void): void {
  const security = rec(pod.securityContext);
  if (security.runAsNonRoot !== true) fail('the pod does not set runAsNonRoot');
  if (rec(security.seccompProfile).type !== 'RuntimeDefault') fail('the pod seccomp profile is not RuntimeDefault');
  const wantsToken = server === K8S_SERVER;
  if (pod.automountServiceAccountToken !== wantsToken)
    fail(`automountServiceAccountToken must be ${wantsToken} for ${server}`);
}

function checkContainers(
  pod: Json,
  server: string,
  ns: string | undefined,
  find: (kind: string, name: string, namespace: string | undefined) => K8sObject | undefined,
  fail: (m: string) => void,
): Json {
  let configData: Json = {};
  const tmpVolumes = new Set(
    list(pod.volumes)
      .filter((v) => v.emptyDir !== undefined)
      .map((v) => v.name),
  );
  for (const container of list(pod.containers)) {
    const probe = (name: string) => str(rec(rec(container[name]).httpGet).path);
    if (probe('livenessProbe') !== '/healthz') fail('the liveness probe is not GET /healthz');
    if (probe('readinessProbe') !== '/readyz') fail('the readiness probe is not GET /readyz');
    const resources = rec(container.resources);
    for (const kind of ['requests', 'limits'])
      for (const resource of ['cpu', 'memory'])
        if (rec(resources[kind])[resource] === undefined) fail(`${kind}.${resource} is not set`);
    const security = rec(container.securityContext);
    if (security.allowPrivilegeEscalation !== false) fail('allowPrivilegeEscalation is not false');
    if (security.readOnlyRootFilesystem !== true) fail('the root filesystem is not read-only');
    if (JSON.stringify(rec(security.capabilities).drop) !== '["ALL"]') fail('capabilities do not drop ALL');
    const tmp = list(container.volumeMounts).find((m) => m.mountPath === '/tmp');
    if (!tmp || !tmpVolumes.has(tmp.name)) fail('/tmp is not a writable emptyDir');
    for (const ref of list(container.envFrom)) {
      const name = str(rec(ref.configMapRef).name);
      const configMap = name ? find('ConfigMap', name, ns) : undefined;
      if (!configMap) fail(`the ConfigMap ${name ?? '?'} it reads is not in the bundle`);
      else configData = rec(configMap.data);
    }
    for (const key of REQUIRED_CONFIG_KEYS) if (configData[key] === undefined) fail(`the ConfigMap lacks ${key}`);
    if (configData.AUTH_MODE !== 'jwt') fail('AUTH_MODE is not jwt');
    const secretKeys = list(container.env)
      .map((e) => rec(rec(e.valueFrom).secretKeyRef))
      .filter((ref) => ref.name === server)
      .map((ref) => str(ref.key))
      .sort();
    const wanted = REQUIRED_SECRET_KEYS[server] ?? [];
    if (JSON.stringify(secretKeys) !== JSON.stringify(wanted))
      fail(`reads secret keys ${secretKeys.join(',')} instead of ${wanted.join(',')}`);
  }
  return configData;
}

function checkShutdown(pod: Json, config: Json, fail: (m: string) => void): void {
  const grace = Number(pod.terminationGracePeriodSeconds) * 1000;
  const delay = Number(config.SHUTDOWN_DELAY_MS);
  const drain = Number(config.SHUTDOWN_GRACE_MS);
  const deadline = Number(config.TOOL_TIMEOUT_MS);
  if (!(drain >= deadline)) fail('SHUTDOWN_GRACE_MS is shorter than the tool deadline TOOL_TIMEOUT_MS');
  if (!(delay > 0)) fail('SHUTDOWN_DELAY_MS is not set: endpoints would not drain before the server stops accepting');
  if (!(grace > delay + drain)) fail('terminationGracePeriodSeconds does not cover the shutdown delay plus grace');
}

function checkCompanions(
  objects: readonly K8sObject[],
  deployment: K8sObject,
  podLabels: unknown,
  pod: Json,
  server: string,
  fail: (m: string) => void,
): void {
  const ns = deployment.metadata.namespace;
  const same = (kind: string) => objects.filter((o) => o.kind === kind && o.metadata.namespace === ns);
  const hpa = same('HorizontalPodAutoscaler').find((h) => {
    const ref = rec(rec(h.spec).scaleTargetRef);
    return ref.kind === 'Deployment' && ref.name === deployment.metadata.name && ref.apiVersion === 'apps/v1';
  });
  if (!hpa) fail('no HorizontalPodAutoscaler targets it');
  else {
    const spec = rec(hpa.spec);
    if (hpa.apiVersion !== 'autoscaling/v2') fail('the HPA is not autoscaling/v2');
    if (!(Number(spec.minReplicas) >= 2)) fail('the HPA allows fewer than 2 replicas');
    if (!(Number(spec.maxReplicas) >= Number(spec.minReplicas))) fail('the HPA max is below its min');
    const cpu = list(spec.metrics).some((m) => m.type === 'Resource' && rec(m.resource).name === 'cpu');
    if (!cpu) fail('the HPA does not scale on CPU');
  }
  if (!same('PodDisruptionBudget').some((p) => selects(rec(p.spec).selector, podLabels)))
    fail('no PodDisruptionBudget selects its pods');
  if (
    !same('Service').some(
      (s) =>
        Object.keys(rec(rec(s.spec).selector)).length > 0 && selects({ matchLabels: rec(s.spec).selector }, podLabels),
    )
  )
    fail('no Service selects its pods');
  if (!same('NetworkPolicy').some((p) => selects(rec(p.spec).podSelector, podLabels)))
    fail('no NetworkPolicy selects its pods');
  const account = same('ServiceAccount').find((a) => a.metadata.name === pod.serviceAccountName);
  if (!account) fail(`its ServiceAccount ${String(pod.serviceAccountName)} is not in the bundle`);
  else if (account.automountServiceAccountToken !== (server === K8S_SERVER))
    fail('the ServiceAccount token automount does not match the server');
}

function checkRbac(objects: readonly K8sObject[], out: RuleViolation[]): void {
  for (const binding of objects.filter((o) => o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding')) {
    for (const subject of list(binding.subjects)) {
      const account = objects.find(
        (o) =>
          o.kind === 'ServiceAccount' && o.metadata.name === subject.name && o.metadata.namespace === subject.namespace,
      );
      if (subject.kind !== 'ServiceAccount' || !account)
        out.push({
          object: id(binding),
          message: `its subject ${String(subject.name)} is not a ServiceAccount in the bundle`,
        });
      else if (account.metadata.name !== K8S_SERVER)
        out.push({ object: id(binding), message: 'binds a role to a server other than the k8s server' });
    }
  }
}

/** The Role grants in a bundle as sorted `verb group/resource` strings, to compare with K8S_ROLE_GRANTS. */
export function roleGrants(objects: readonly K8sObject[], kind: 'Role' | 'ClusterRole'): string[] {
  return objects
    .filter((o) => o.kind === kind)
    .flatMap((role) =>
      list(role.rules).flatMap((rule) =>
        (rule.apiGroups as string[]).flatMap((g) =>
          (rule.resources as string[]).flatMap((r) => (rule.verbs as string[]).map((v) => `${v} ${g}/${r}`)),
        ),
      ),
    )
    .sort();
}
