/** A Deployment with the ReplicaSets it owns and their pods, ordered newest revision first. */
import type { Deployment, KubeEvent, Pod, ReplicaSet } from './k8s-objects.js';
import { revisionOf } from './k8s-objects.js';
import { causeRank, type PodProblem, podProblems } from './pod-problems.js';

/** The objects diagnose_workload reads before it picks events and logs. */
export interface WorkloadTree {
  readonly deployment: Deployment;
  /** Owned ReplicaSets, newest revision first. */
  readonly replicaSets: readonly ReplicaSet[];
  /** Pods owned by those ReplicaSets. */
  readonly pods: readonly Pod[];
}

/** A log tail read for the diagnosis. */
export interface LogTail {
  readonly pod: string;
  readonly container: string;
  readonly previous: boolean;
  readonly lines: readonly string[];
}

/** Everything the diagnosis rules look at. */
export interface WorkloadSnapshot extends WorkloadTree {
  readonly events: readonly KubeEvent[];
  readonly log?: LogTail | undefined;
}

/** Keeps the ReplicaSets owned by the Deployment (by uid when known, else by name prefix), newest revision first. */
export function ownedReplicaSets(deployment: Deployment, candidates: readonly ReplicaSet[]): ReplicaSet[] {
  const uid = deployment.metadata?.uid;
  const name = deployment.metadata?.name ?? '';
  return candidates
    .filter((rs) => {
      const owners = rs.metadata?.ownerReferences ?? [];
      if (owners.length > 0)
        return owners.some((o) => o.kind === 'Deployment' && (uid ? o.uid === uid : o.name === name));
      return (rs.metadata?.name ?? '').startsWith(`${name}-`);
    })
    .sort((a, b) => revisionOf(b) - revisionOf(a));
}

/** Keeps the pods owned by one of the ReplicaSets. */
export function ownedPods(replicaSets: readonly ReplicaSet[], candidates: readonly Pod[]): Pod[] {
  const uids = new Set(replicaSets.map((rs) => rs.metadata?.uid).filter(Boolean));
  const names = new Set(replicaSets.map((rs) => rs.metadata?.name).filter(Boolean));
  return candidates.filter((pod) =>
    (pod.metadata?.ownerReferences ?? []).some(
      (o) => o.kind === 'ReplicaSet' && (uids.has(o.uid) || names.has(o.name)),
    ),
  );
}

/** The ReplicaSet a pod belongs to, if known. */
export function replicaSetOf(tree: WorkloadTree, pod: Pod): ReplicaSet | undefined {
  const owner = pod.metadata?.ownerReferences?.find((o) => o.kind === 'ReplicaSet');
  return owner ? tree.replicaSets.find((rs) => rs.metadata?.name === owner.name) : undefined;
}

/** Every pod problem, the newest revision's pods and the most specific causes first. */
export function rankedProblems(tree: WorkloadTree): PodProblem[] {
  const revisionOfPod = (pod: Pod) => {
    const rs = replicaSetOf(tree, pod);
    return rs ? revisionOf(rs) : 0;
  };
  const withRevision = tree.pods.flatMap((pod) => podProblems(pod).map((p) => ({ p, revision: revisionOfPod(pod) })));
  withRevision.sort(
    (a, b) =>
      b.revision - a.revision || causeRank(a.p.kind) - causeRank(b.p.kind) || b.p.restartCount - a.p.restartCount,
  );
  return withRevision.map((x) => x.p);
}

/** The one failing container whose logs explain the most, and the objects whose events to read (at most 6). */
export function planReads(tree: WorkloadTree): {
  representative?: PodProblem;
  eventObjects: Array<{ kind: string; name: string }>;
} {
  const problems = rankedProblems(tree);
  const representative = problems.find((p) => p.container !== undefined) ?? problems[0];
  const objects: Array<{ kind: string; name: string }> = [
    { kind: 'Deployment', name: tree.deployment.metadata?.name ?? '' },
  ];
  for (const rs of tree.replicaSets.slice(0, 2)) objects.push({ kind: 'ReplicaSet', name: rs.metadata?.name ?? '' });
  const pods = [...new Set(problems.map((p) => p.pod))].slice(0, 3);
  for (const pod of pods) objects.push({ kind: 'Pod', name: pod });
  return { ...(representative ? { representative } : {}), eventObjects: objects.filter((o) => o.name !== '') };
}
