/** The diagnosis rules: from a snapshot of one Deployment to its root cause, what changed, and the next call. */
import type { Diagnosis, NextStep } from './diagnosis-schema.js';
import { clip, explainingLogLine } from './explain-log.js';
import { eventTime, type KubeEvent, type ReplicaSet, revisionOf } from './k8s-objects.js';
import { UID } from './overview.js';
import type { PodProblem } from './pod-problems.js';
import { allTemplateChanges, formatResources, MAX_CHANGES } from './revision-diff.js';
import { findCondition, isRolloutComplete, isRolloutStuck, workloadHealth } from './workload-health.js';
import { rankedProblems, type WorkloadSnapshot } from './workload-tree.js';

const MAX_EVENTS = 5;
const MAX_EVENT_MESSAGE = 200;
const MAX_LOG_LINES = 6;

/** Diagnoses one Deployment from its snapshot. Pure: no I/O, no clock. */
export function diagnoseWorkload(snapshot: WorkloadSnapshot): Diagnosis {
  const { deployment } = snapshot;
  const namespace = deployment.metadata?.namespace ?? '';
  const name = deployment.metadata?.name ?? '';
  const failing = snapshot.replicaSets[0];
  const good = lastGoodReplicaSet(snapshot.replicaSets);
  const stuck = isRolloutStuck(deployment);
  const problem = primaryProblem(rankedProblems(snapshot), stuck);
  const allEvents = dedupeEvents(snapshot.events);
  const events = allEvents.slice(0, MAX_EVENTS);
  const rootCause = describeCause(snapshot, problem, stuck);
  const unhealthy = rootCause.kind !== 'healthy' && rootCause.kind !== 'progressing';
  const allChanges =
    unhealthy && failing && good && failing !== good
      ? allTemplateChanges(good.spec?.template, failing.spec?.template)
      : [];
  const changes = allChanges.slice(0, MAX_CHANGES);
  const status = deployment.status ?? {};
  const diagnosis: Diagnosis = {
    namespace,
    name,
    health: workloadHealth(deployment),
    replicas: {
      desired: deployment.spec?.replicas ?? 1,
      ready: status.readyReplicas ?? 0,
      updated: status.updatedReplicas ?? 0,
      available: status.availableReplicas ?? 0,
    },
    revision: failing ? revisionOf(failing) : revisionOf(deployment),
    rollout_stuck: stuck,
    root_cause: rootCause,
    events,
  };
  if (changes.length > 0 && failing && good) {
    diagnosis.change = { from_revision: revisionOf(good), to_revision: revisionOf(failing), changes: [...changes] };
  }
  if (snapshot.log && snapshot.log.lines.length > 0) {
    diagnosis.log_tail = { ...snapshot.log, lines: snapshot.log.lines.slice(-MAX_LOG_LINES).map((l) => clip(l, 200)) };
  }
  const omitted = {
    events: allEvents.length - events.length,
    changes: allChanges.length - changes.length,
    log_lines: Math.max(0, (snapshot.log?.lines.length ?? 0) - MAX_LOG_LINES),
  };
  if (omitted.events + omitted.changes + omitted.log_lines > 0) diagnosis.omitted = omitted;
  const next = nextStep(diagnosis, good && failing && good !== failing && unhealthy ? revisionOf(good) : undefined);
  if (next) diagnosis.next_step = next;
  return diagnosis;
}

/** The newest older ReplicaSet that has (or had) available pods; else the one just before the newest. */
export function lastGoodReplicaSet(replicaSets: readonly ReplicaSet[]): ReplicaSet | undefined {
  const older = replicaSets.slice(1);
  return older.find((rs) => (rs.status?.availableReplicas ?? 0) > 0) ?? older[0];
}

/** A stuck rollout whose new pods are merely not ready is named a stuck rollout; hard failures win. */
function primaryProblem(problems: readonly PodProblem[], stuck: boolean): PodProblem | undefined {
  const first = problems[0];
  if (stuck && (first === undefined || first.kind === 'not_ready')) return undefined;
  return first;
}

function describeCause(
  snapshot: WorkloadSnapshot,
  problem: PodProblem | undefined,
  stuck: boolean,
): Diagnosis['root_cause'] {
  const { deployment } = snapshot;
  if (!problem) {
    if (stuck) {
      const cond = findCondition(deployment.status?.conditions, 'Progressing');
      const notReady = rankedProblems(snapshot).filter((p) => p.kind === 'not_ready').length;
      return {
        kind: 'stuck_rollout',
        summary: `Rollout exceeded its progress deadline (ProgressDeadlineExceeded)${notReady > 0 ? `; ${notReady} new pod(s) never became ready` : ''}.`,
        evidence: [
          clip(`Progressing=False ProgressDeadlineExceeded: ${cond?.message ?? ''}`, 240),
          ...eventEvidence(snapshot.events, 2),
        ],
      };
    }
    if (isRolloutComplete(deployment)) {
      return {
        kind: 'healthy',
        summary: 'All replicas are updated, ready and available; nothing is failing.',
        evidence: [],
      };
    }
    return { kind: 'progressing', summary: 'A rollout is in progress and no pod is failing yet.', evidence: [] };
  }
  const where = { pod: problem.pod, ...(problem.container ? { container: problem.container } : {}) };
  const suffix = stuck ? ' The rollout is stuck (ProgressDeadlineExceeded).' : '';
  const evidence = (lines: Array<string | undefined>) => lines.filter((l): l is string => !!l).map((l) => clip(l, 240));
  switch (problem.kind) {
    case 'crash_loop': {
      const line = snapshot.log ? explainingLogLine(snapshot.log.lines) : undefined;
      return {
        kind: 'crash_loop',
        summary: `Container ${problem.container} is in ${problem.reason}: it exits with code ${problem.exitCode ?? '?'} (${problem.restartCount} restarts)${line ? ` and its log says: ${line}` : ''}.${suffix}`,
        ...where,
        evidence: evidence([
          line ? `log: ${line}` : undefined,
          `${problem.reason}, last exit code ${problem.exitCode ?? '?'}, restarts ${problem.restartCount}`,
        ]),
      };
    }
    case 'oom_killed': {
      const limit = memoryLimit(snapshot, problem);
      return {
        kind: 'oom_killed',
        summary: `Container ${problem.container} was OOMKilled (exit code ${problem.exitCode ?? 137}) at its memory limit ${limit} (${problem.restartCount} restarts).${suffix}`,
        ...where,
        evidence: evidence([
          `lastState.terminated: OOMKilled exit ${problem.exitCode ?? 137}`,
          `resources: ${resourcesOf(snapshot, problem)}`,
        ]),
      };
    }
    case 'image_pull_failed':
      return {
        kind: 'image_pull_failed',
        summary: `Container ${problem.container} cannot pull its image (${problem.reason}): ${imageOf(snapshot, problem)}.${suffix}`,
        ...where,
        evidence: evidence([problem.message, ...eventEvidence(snapshot.events, 2, /pull|image/i)]),
      };
    case 'config_error':
      return {
        kind: 'config_error',
        summary: `Container ${problem.container} cannot start (${problem.reason}): ${problem.message ?? 'see events'}.${suffix}`,
        ...where,
        evidence: evidence([problem.message, ...eventEvidence(snapshot.events, 1)]),
      };
    case 'unschedulable': {
      const scheduler = snapshot.events.find((e) => e.reason === 'FailedScheduling')?.message;
      const reason = scheduler ?? problem.message ?? 'no node fits the pod';
      return {
        kind: 'unschedulable',
        summary: `Pod ${problem.pod} cannot be scheduled: ${clip(reason, 200)}.${suffix}`,
        pod: problem.pod,
        evidence: evidence([
          `PodScheduled=False ${problem.reason}: ${problem.message ?? ''}`,
          scheduler ? `FailedScheduling: ${scheduler}` : undefined,
        ]),
      };
    }
    default: {
      const probe = snapshot.events.find((e) => /readiness probe/i.test(e.message ?? ''))?.message;
      return {
        kind: 'not_ready',
        summary: `Container ${problem.container} is running but not ready${probe ? `: ${clip(probe, 160)}` : ' (its readiness probe fails)'}.${suffix}`,
        ...where,
        evidence: evidence([probe, ...eventEvidence(snapshot.events, 1)]),
      };
    }
  }
}

function containerOf(snapshot: WorkloadSnapshot, problem: PodProblem) {
  const pod = snapshot.pods.find((p) => p.metadata?.name === problem.pod);
  return pod?.spec?.containers.find((c) => c.name === problem.container);
}

function memoryLimit(snapshot: WorkloadSnapshot, problem: PodProblem): string {
  return containerOf(snapshot, problem)?.resources?.limits?.memory ?? '(no limit set)';
}

function resourcesOf(snapshot: WorkloadSnapshot, problem: PodProblem): string {
  const container = containerOf(snapshot, problem);
  return container ? formatResources(container) : 'unknown';
}

function imageOf(snapshot: WorkloadSnapshot, problem: PodProblem): string {
  return containerOf(snapshot, problem)?.image ?? 'unknown image';
}

function eventEvidence(events: readonly KubeEvent[], max: number, pattern?: RegExp): string[] {
  return events
    .filter((e) => e.type === 'Warning' && (!pattern || pattern.test(`${e.reason} ${e.message}`)))
    .sort((a, b) => eventTime(b) - eventTime(a))
    .slice(0, max)
    .map((e) => `event ${e.reason}: ${e.message ?? ''}`);
}

/** Warning events first, newest first, deduplicated by reason and message, at most 5. */
export function summarizeEvents(events: readonly KubeEvent[]): Diagnosis['events'] {
  return dedupeEvents(events).slice(0, MAX_EVENTS);
}

/** Warning events first, newest first, deduplicated by reason and message. */
function dedupeEvents(events: readonly KubeEvent[]): Diagnosis['events'] {
  const sorted = [...events].sort(
    (a, b) => Number(b.type === 'Warning') - Number(a.type === 'Warning') || eventTime(b) - eventTime(a),
  );
  const seen = new Map<string, Diagnosis['events'][number]>();
  for (const event of sorted) {
    const message = clip((event.message ?? '').replace(/\s+/g, ' '), MAX_EVENT_MESSAGE);
    const key = `${event.reason}|${message.replace(UID, '*').replace(/[a-z0-9]+-[a-z0-9]{5,10}(-[a-z0-9]{5})?/g, '*')}`;
    const count = event.series?.count ?? event.count ?? 1;
    const existing = seen.get(key);
    if (existing) existing.count += count;
    else
      seen.set(key, {
        type: event.type ?? 'Normal',
        reason: event.reason ?? '',
        object: `${event.involvedObject.kind ?? ''}/${event.involvedObject.name ?? ''}`,
        count,
        message,
      });
  }
  return [...seen.values()];
}

/** The next tool call that most likely fixes it: a rollback to the last good revision when a change caused it. */
function nextStep(diagnosis: Diagnosis, goodRevision: number | undefined): NextStep | undefined {
  const { namespace, name, root_cause: cause } = diagnosis;
  const target = { namespace, name };
  if (cause.kind === 'healthy') return undefined;
  if (cause.kind === 'progressing') {
    return {
      tool: 'diagnose_workload',
      arguments: target,
      why: 'Check again in a minute; the rollout is still moving.',
    };
  }
  if (goodRevision !== undefined && goodRevision > 0) {
    return {
      tool: 'rollback_service',
      arguments: { ...target, to_revision: goodRevision },
      why: `Revision ${goodRevision} was the last good one; rolling back restores it while the change is fixed.`,
    };
  }
  switch (cause.kind) {
    case 'crash_loop':
    case 'not_ready':
      return {
        tool: 'get_logs',
        arguments: { ...target, previous: cause.kind === 'crash_loop' },
        why: 'Read more of the log to find the failure.',
      };
    case 'oom_killed':
      return {
        tool: 'deploy_service',
        arguments: target,
        why: 'Redeploy with a higher memory limit (resources.memory_limit).',
      };
    case 'image_pull_failed':
      return {
        tool: 'deploy_service',
        arguments: target,
        why: 'Redeploy with an image reference that exists and is pullable.',
      };
    case 'config_error':
      return {
        tool: 'restart_service',
        arguments: target,
        why: 'Create the missing Secret or ConfigMap, then restart.',
      };
    case 'unschedulable':
      return { tool: 'scale_service', arguments: target, why: 'Lower replicas or resource requests, or add capacity.' };
    default:
      return undefined;
  }
}
