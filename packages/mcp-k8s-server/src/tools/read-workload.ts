/** Reads what a diagnosis needs: the Deployment, its ReplicaSets and pods, their events only, one log tail. */
import { ToolError } from '@bulkhead/core';
import { type KubeEvent, selectorString } from '../domain/k8s-objects.js';
import {
  type LogTail,
  ownedPods,
  ownedReplicaSets,
  planReads,
  type WorkloadSnapshot,
} from '../domain/workload-tree.js';
import type { Cluster } from '../ports/cluster.js';

const EVENTS_PER_OBJECT = 20;
const LOG_TAIL_LINES = 40;
const LOG_BYTES = 16_384;

/** Reads one Deployment's snapshot in at most 3 + 6 + 1 API calls, never the whole namespace's events. */
export async function readWorkloadSnapshot(
  cluster: Cluster,
  namespace: string,
  name: string,
  signal: AbortSignal,
): Promise<WorkloadSnapshot> {
  const deployment = await cluster.readDeployment(namespace, name, signal);
  const selector = selectorString(deployment.spec?.selector);
  if (selector === undefined)
    throw new ToolError(
      'PRECONDITION_FAILED',
      `Deployment ${namespace}/${name} has no matchLabels selector to find its pods.`,
      { retryable: false },
    );
  const [rsCandidates, podCandidates] = await Promise.all([
    cluster.listReplicaSets(namespace, selector, signal),
    cluster.listPods(namespace, selector, signal),
  ]);
  const replicaSets = ownedReplicaSets(deployment, rsCandidates);
  const pods = ownedPods(replicaSets, podCandidates);
  const tree = { deployment, replicaSets, pods };
  const plan = planReads(tree);
  const [eventLists, log] = await Promise.all([
    Promise.all(
      plan.eventObjects.map(async (o) =>
        (await cluster.listEvents(namespace, `involvedObject.name=${o.name}`, EVENTS_PER_OBJECT, signal)).filter(
          (e: KubeEvent) => e.involvedObject.kind === undefined || e.involvedObject.kind === o.kind,
        ),
      ),
    ),
    plan.representative?.container
      ? readTail(
          cluster,
          namespace,
          plan.representative.pod,
          plan.representative.container,
          plan.representative.previousLogs,
          signal,
        )
      : undefined,
  ]);
  return { ...tree, events: eventLists.flat(), log };
}

/** The log tail of one container; previous when it restarted, current if the previous one is gone. */
async function readTail(
  cluster: Cluster,
  namespace: string,
  pod: string,
  container: string,
  previous: boolean,
  signal: AbortSignal,
): Promise<LogTail | undefined> {
  const read = (prev: boolean) =>
    cluster.readLog(
      namespace,
      pod,
      { container, previous: prev, tailLines: LOG_TAIL_LINES, limitBytes: LOG_BYTES },
      signal,
    );
  let text: string;
  let usedPrevious = previous;
  try {
    text = await read(previous);
  } catch (error) {
    // A container that never started has no logs (400); the diagnosis stands without them.
    if (!(error instanceof ToolError) || error.code === 'RATE_LIMITED' || error.code === 'DEPENDENCY_UNAVAILABLE')
      throw error;
    if (!previous) return undefined;
    try {
      text = await read(false);
      usedPrevious = false;
    } catch (second) {
      if (!(second instanceof ToolError) || second.code === 'RATE_LIMITED' || second.code === 'DEPENDENCY_UNAVAILABLE')
        throw second;
      return undefined;
    }
  }
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return { pod, container, previous: usedPrevious, lines };
}
