/** Rollout progress from a Deployment's status, as `kubectl rollout status` reads it. */
import { describe, expect, it } from 'vitest';
import { deployment } from '../test-support/workload-fixtures.js';
import { rolloutProgress } from './rollout-progress.js';

describe('rolloutProgress', () => {
  it('waits until the controller observed the target generation', () => {
    const d = deployment('web', {
      status: { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 2 },
    });
    expect(rolloutProgress(d, 2)).toMatchObject({ state: 'running', progress: 0.05 });
  });

  it('is running while old replicas remain, then succeeded', () => {
    const rolling = deployment('web', {
      status: { observedGeneration: 2, replicas: 3, updatedReplicas: 2, availableReplicas: 2 },
    });
    expect(rolloutProgress(rolling, 2)).toMatchObject({
      state: 'running',
      message: 'rolling out: 1 old replicas pending termination',
    });
    const done = deployment('web', {
      status: { observedGeneration: 2, replicas: 2, updatedReplicas: 2, availableReplicas: 2 },
    });
    expect(rolloutProgress(done, 2)).toMatchObject({ state: 'succeeded', progress: 1 });
  });

  it('fails on ProgressDeadlineExceeded', () => {
    const stuck = deployment('web', {
      status: {
        observedGeneration: 2,
        replicas: 3,
        updatedReplicas: 1,
        availableReplicas: 2,
        conditions: [
          { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'timed out' },
        ],
      },
    });
    expect(rolloutProgress(stuck, 2)).toMatchObject({ state: 'failed', message: 'rollout stuck: timed out' });
  });
});
