/** `harness replicas <server> 2`: two instances sharing Redis; retries and jobs cross between them. */
import { randomUUID } from 'node:crypto';
import { startKubeSim } from '@bulkhead/kube-sim';
import { table } from '../log.js';
import { connect } from '../mcp-clients.js';
import { serverNamed } from '../servers.js';
import { type ManagedServer, startServer, stopServers } from '../supervisor.js';

/** Runs the replica demonstration and prints what each step showed; 0 when every step held. */
export async function runReplicas(name: string, count: number): Promise<number> {
  const spec = serverNamed(name);
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!spec || count !== 2) {
    process.stderr.write('usage: harness replicas <calculator|billing|k8s> 2\n');
    return 2;
  }
  const sim = name === 'k8s' ? await startKubeSim({ scenario: 'demo' }) : undefined;
  const env = {
    ...spec.env({ kubeconfigPath: sim?.kubeconfigPath ?? '' }),
    REDIS_URL: redisUrl,
    CURSOR_SECRET: 'harness-replicas-shared-cursor-secret-0123456789',
    ...(name === 'billing' ? { BILLING_DATA_DIR: 'memory://' } : {}),
  };
  const replicas: ManagedServer[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      replicas.push(await startServer({ name: `${name}-${i + 1}`, bin: spec.bin, port: 0, env }));
    }
    const [first, second] = replicas;
    if (!first || !second) return 1;
    const rows: string[][] = [];
    const a = await connect(first.url, 'v2 (2026-07-28)');
    const b = await connect(second.url, 'v2 (2026-07-28)');
    try {
      const read = await a.callTool(spec.smoke.read.tool, spec.smoke.read.args);
      rows.push([`${first.name}`, `read ${spec.smoke.read.tool}`, read.isError ? 'FAIL' : 'pass']);
      if (spec.smoke.mutating) {
        const mutating = spec.smoke.mutating();
        const args = { ...mutating.args, request_id: `replicas-${randomUUID()}` };
        const once = await a.callTool(mutating.tool, args);
        const retry = await b.callTool(mutating.tool, args);
        const replayed = (retry.meta?.['io.bulkhead/idempotency'] as { replayed?: boolean } | undefined)?.replayed;
        const ok = !once.isError && replayed === true && retry.raw === once.raw;
        rows.push([`${first.name} then ${second.name}`, `retry of ${mutating.tool} replayed`, ok ? 'pass' : 'FAIL']);
        const jobId = (once.structured as { job_id?: string } | undefined)?.job_id;
        if (jobId) {
          const status = await b.callTool('get_job_status', { job_id: jobId });
          rows.push([
            `${second.name}`,
            `reads job ${jobId} started on ${first.name}`,
            status.isError ? 'FAIL' : 'pass',
          ]);
        }
      }
    } finally {
      await a.close();
      await b.close();
    }
    process.stdout.write(`${table(['replica', 'step', 'result'], rows)}\n`);
    return rows.every((r) => r[2] === 'pass') ? 0 : 1;
  } finally {
    await stopServers(replicas);
    await sim?.close();
  }
}
