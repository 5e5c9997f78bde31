import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORKLOADS, type KubeSim, startKubeSim } from './index.js';

const run = promisify(execFile);
const KUBECTL = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => existsSync(p));
let sim: KubeSim;

async function kubectl(...args: string[]): Promise<string> {
  const { stdout } = await run(KUBECTL ?? 'kubectl', ['--kubeconfig', sim.kubeconfigPath, ...args], {
    timeout: 30_000,
  });
  return stdout;
}

const TITLE =
  KUBECTL === undefined ? 'kubectl smoke test (skipped: kubectl is not installed)' : `kubectl smoke test (${KUBECTL})`;

describe.skipIf(KUBECTL === undefined)(TITLE, () => {
  beforeAll(async () => {
    sim = await startKubeSim({ scenario: 'demo', tickMs: 20 });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('get deploy lists the demo workloads', async () => {
    const out = await kubectl('get', 'deploy', '-n', 'demo');
    for (const name of Object.values(DEMO_WORKLOADS)) expect(out).toContain(name);
    expect(out).toMatch(/web-healthy\s+3\/3/);
  });

  it('describe deploy shows the replica sets and events', async () => {
    const out = await kubectl('describe', 'deploy', DEMO_WORKLOADS.stuckRollout, '-n', 'demo');
    expect(out).toContain('ProgressDeadlineExceeded');
    expect(out).toContain('NewReplicaSet:');
    expect(out).toContain('ScalingReplicaSet');
  });

  it('scale then rollout status completes', async () => {
    await kubectl('scale', 'deploy', DEMO_WORKLOADS.healthy, '-n', 'demo', '--replicas=4');
    const out = await kubectl('rollout', 'status', `deploy/${DEMO_WORKLOADS.healthy}`, '-n', 'demo', '--timeout=20s');
    expect(out).toContain('successfully rolled out');
    expect(await kubectl('get', 'deploy', DEMO_WORKLOADS.healthy, '-n', 'demo')).toMatch(/4\/4/);
  });

  it('rollout status reports a stuck rollout as failed', async () => {
    const err = await kubectl(
      'rollout',
      'status',
      `deploy/${DEMO_WORKLOADS.stuckRollout}`,
      '-n',
      'demo',
      '--timeout=5s',
    ).catch((e: { stderr?: string }) => e.stderr ?? '');
    expect(err).toContain('exceeded its progress deadline');
  });
});
