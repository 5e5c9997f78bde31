/** Reads what is wrong with a pod from its status alone, the way an operator reads `kubectl describe pod`. */
import type { ContainerStatus, Pod } from './k8s-objects.js';
import { findCondition } from './workload-health.js';

/** The root causes diagnose_workload names, most specific first. */
export const CAUSE_KINDS = [
  'image_pull_failed',
  'config_error',
  'oom_killed',
  'crash_loop',
  'unschedulable',
  'not_ready',
  'stuck_rollout',
  'progressing',
  'healthy',
] as const;

/** One of {@link CAUSE_KINDS}. */
export type CauseKind = (typeof CAUSE_KINDS)[number];

/** One problem of one container (or of the pod, for scheduling). */
export interface PodProblem {
  readonly kind: CauseKind;
  readonly pod: string;
  readonly container?: string;
  /** The Kubernetes reason, e.g. CrashLoopBackOff, OOMKilled, Unschedulable. */
  readonly reason: string;
  readonly message?: string;
  readonly exitCode?: number;
  readonly restartCount: number;
  /** Whether the interesting logs are the previous container's (it restarted). */
  readonly previousLogs: boolean;
}

const PULL_REASONS = new Set(['ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'ErrImageNeverPull']);
const CONFIG_REASONS = new Set(['CreateContainerConfigError', 'CreateContainerError', 'RunContainerError']);

/** Every problem of a pod, unordered; empty when it is running and ready. */
export function podProblems(pod: Pod): PodProblem[] {
  const name = pod.metadata?.name ?? '';
  const problems: PodProblem[] = [];
  const scheduled = findCondition(pod.status?.conditions, 'PodScheduled');
  if (scheduled?.status === 'False') {
    problems.push({
      kind: 'unschedulable',
      pod: name,
      reason: scheduled.reason ?? 'Unschedulable',
      ...(scheduled.message ? { message: scheduled.message } : {}),
      restartCount: 0,
      previousLogs: false,
    });
  }
  for (const status of pod.status?.containerStatuses ?? []) {
    const problem = containerProblem(name, status);
    if (problem) problems.push(problem);
  }
  return problems;
}

function containerProblem(pod: string, status: ContainerStatus): PodProblem | undefined {
  const base = {
    pod,
    container: status.name,
    restartCount: status.restartCount,
    previousLogs: status.restartCount > 0,
  };
  const waiting = status.state?.waiting;
  const lastTerminated = status.lastState?.terminated;
  const terminated = status.state?.terminated;
  const message = waiting?.message ? { message: waiting.message } : {};
  if (waiting?.reason && PULL_REASONS.has(waiting.reason)) {
    return { ...base, kind: 'image_pull_failed', reason: waiting.reason, ...message };
  }
  if (waiting?.reason && CONFIG_REASONS.has(waiting.reason)) {
    return { ...base, kind: 'config_error', reason: waiting.reason, ...message };
  }
  const oom =
    terminated?.reason === 'OOMKilled'
      ? terminated
      : lastTerminated?.reason === 'OOMKilled'
        ? lastTerminated
        : undefined;
  if (oom) return { ...base, kind: 'oom_killed', reason: 'OOMKilled', exitCode: oom.exitCode };
  if (waiting?.reason === 'CrashLoopBackOff' || (terminated && terminated.exitCode !== 0)) {
    const exit = lastTerminated ?? terminated;
    return {
      ...base,
      kind: 'crash_loop',
      reason: waiting?.reason ?? terminated?.reason ?? 'Error',
      ...(exit ? { exitCode: exit.exitCode } : {}),
      ...message,
    };
  }
  if (status.state?.running && !status.ready) {
    return { ...base, kind: 'not_ready', reason: 'NotReady', previousLogs: false };
  }
  return undefined;
}

/** The rank of a cause: lower is more specific and wins. */
export function causeRank(kind: CauseKind): number {
  return CAUSE_KINDS.indexOf(kind);
}
