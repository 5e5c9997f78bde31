/** The diagnosis rules on fixture objects: each failure shape named, the change found, the next call suggested. */
import { describe, expect, it } from 'vitest';
import { container, deployment, failingRollout, pod, replicaSet, warning } from '../test-support/workload-fixtures.js';
import { diagnoseWorkload } from './diagnose-workload.js';
import { planReads } from './workload-tree.js';

describe('diagnoseWorkload', () => {
  it('names a crash loop with the log line that explains it and the env change, and suggests a rollback', () => {
    const snapshot = failingRollout(
      'api',
      {
        restartCount: 5,
        state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container' } },
        lastState: { terminated: { exitCode: 1, reason: 'Error' } },
      },
      { logLines: ['starting api', 'Error: missing required environment variable DATABASE_URL', 'exiting'] },
    );
    const d = diagnoseWorkload(snapshot);
    expect(d.root_cause.kind).toBe('crash_loop');
    expect(d.root_cause.summary).toContain('missing required environment variable DATABASE_URL');
    expect(d.root_cause.summary).toContain('exits with code 1');
    expect(d.change).toEqual({
      from_revision: 1,
      to_revision: 2,
      changes: [{ container: 'app', field: 'env', detail: 'removed DATABASE_URL' }],
    });
    expect(d.next_step).toMatchObject({
      tool: 'rollback_service',
      arguments: { namespace: 'demo', name: 'api', to_revision: 1 },
    });
    expect(JSON.stringify(d)).not.toContain('postgres://');
  });

  it('names an OOM kill with the memory limit', () => {
    const small = [container({ resources: { limits: { memory: '64Mi' } } })];
    const d = diagnoseWorkload(
      failingRollout(
        'worker',
        {
          restartCount: 3,
          state: { waiting: { reason: 'CrashLoopBackOff' } },
          lastState: { terminated: { exitCode: 137, reason: 'OOMKilled' } },
        },
        { badContainers: small },
      ),
    );
    expect(d.root_cause.kind).toBe('oom_killed');
    expect(d.root_cause.summary).toContain('64Mi');
    expect(d.change?.changes).toContainEqual(
      expect.objectContaining({ field: 'resources', detail: 'none -> limits memory=64Mi' }),
    );
  });

  it('names an image pull failure with the image', () => {
    const bad = [container({ image: 'cache:does-not-exist' })];
    const d = diagnoseWorkload(
      failingRollout(
        'cache',
        {
          state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "cache:does-not-exist"' } },
        },
        {
          badContainers: bad,
          events: [
            warning('Pod', 'cache-rev2-aaaaa', 'Failed', 'Failed to pull image "cache:does-not-exist": not found'),
          ],
        },
      ),
    );
    expect(d.root_cause.kind).toBe('image_pull_failed');
    expect(d.root_cause.summary).toContain('cache:does-not-exist');
    expect(d.change?.changes[0]).toMatchObject({ field: 'image', detail: 'app:1.4.2 -> cache:does-not-exist' });
  });

  it('names an unschedulable pod with the scheduler reason from an event with null lastTimestamp', () => {
    const d = diagnoseWorkload(
      failingRollout(
        'batch',
        { state: { waiting: { reason: 'ContainerCreating' } } },
        {
          podStatus: {
            phase: 'Pending',
            conditions: [
              { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/1 nodes are available' },
            ],
            containerStatuses: [],
          },
          events: [
            warning('Pod', 'batch-rev2-aaaaa', 'FailedScheduling', '0/1 nodes are available: 1 Insufficient memory.', {
              lastTimestamp: null,
              eventTime: '2026-01-01T10:00:00.000000Z',
            }),
          ],
        },
      ),
    );
    expect(d.root_cause.kind).toBe('unschedulable');
    expect(d.root_cause.summary).toContain('Insufficient memory');
  });

  it('names a config error with the missing secret', () => {
    const d = diagnoseWorkload(
      failingRollout('auth', {
        state: { waiting: { reason: 'CreateContainerConfigError', message: 'secret "auth-keys" not found' } },
      }),
    );
    expect(d.root_cause.kind).toBe('config_error');
    expect(d.root_cause.summary).toContain('secret "auth-keys" not found');
  });

  it('names a running but not ready container', () => {
    const d = diagnoseWorkload(
      failingRollout(
        'search',
        { state: { running: {} }, ready: false },
        {
          events: [
            warning(
              'Pod',
              'search-rev2-aaaaa',
              'Unhealthy',
              'Readiness probe failed: HTTP probe failed with statuscode: 503',
            ),
          ],
        },
      ),
    );
    expect(d.root_cause.kind).toBe('not_ready');
    expect(d.root_cause.summary).toContain('Readiness probe failed');
  });

  it('names a stuck rollout when the new pods are merely not ready', () => {
    const d = diagnoseWorkload(
      failingRollout(
        'billing',
        { state: { running: {} }, ready: false },
        {
          deploymentStatus: {
            observedGeneration: 2,
            replicas: 2,
            updatedReplicas: 1,
            availableReplicas: 1,
            conditions: [
              {
                type: 'Progressing',
                status: 'False',
                reason: 'ProgressDeadlineExceeded',
                message: 'ReplicaSet "billing-rev2" has timed out progressing.',
              },
            ],
          },
        },
      ),
    );
    expect(d.root_cause.kind).toBe('stuck_rollout');
    expect(d.rollout_stuck).toBe(true);
    expect(d.next_step?.arguments).toMatchObject({ to_revision: 1 });
  });

  it('says healthy for a healthy workload and suggests nothing', () => {
    const rs = replicaSet('web', 1, [container()], 2);
    const d = diagnoseWorkload({
      deployment: deployment('web', { revision: 1 }),
      replicaSets: [rs],
      pods: [pod(rs, 'x', { ready: true, state: { running: {} } })],
      events: [],
    });
    expect(d.root_cause.kind).toBe('healthy');
    expect(d.health).toBe('healthy');
    expect(d.next_step).toBeUndefined();
  });

  it('plans events for the deployment, its newest ReplicaSets and failing pods only', () => {
    const snapshot = failingRollout('api', { state: { waiting: { reason: 'CrashLoopBackOff' } }, restartCount: 2 });
    const plan = planReads(snapshot);
    expect(plan.representative).toMatchObject({ pod: 'api-rev2-aaaaa', container: 'app', previousLogs: true });
    expect(plan.eventObjects).toEqual([
      { kind: 'Deployment', name: 'api' },
      { kind: 'ReplicaSet', name: 'api-rev2' },
      { kind: 'ReplicaSet', name: 'api-rev1' },
      { kind: 'Pod', name: 'api-rev2-aaaaa' },
    ]);
  });
});
