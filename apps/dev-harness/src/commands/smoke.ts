/** `harness smoke`: drives every running server with the v2 and v1 clients; exits non-zero on any failure. */
import { randomUUID } from 'node:crypto';
import { table } from '../log.js';
import { type CallOutcome, connect, type Era, type HarnessClient } from '../mcp-clients.js';
import { runningServers } from '../running-state.js';
import { type ServerSpec, serverNamed } from '../servers.js';

const ERAS: readonly Era[] = ['v2 (2026-07-28)', 'v1 (initialize)'];

/** One line of the smoke report. */
export interface SmokeResult {
  readonly server: string;
  readonly client: Era;
  readonly check: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** Runs the smoke checks against the servers `dev` runs (or the default ports) and prints the table. */
export async function runSmoke(): Promise<number> {
  const results: SmokeResult[] = [];
  for (const { name, url } of runningServers()) {
    const spec = serverNamed(name);
    if (!spec) continue;
    for (const era of ERAS) results.push(...(await smokeOne(spec, url, era)));
  }
  const rows = results.map((r) => [r.server, r.client, r.check, r.ok ? 'pass' : 'FAIL', r.detail]);
  process.stdout.write(`${table(['server', 'client', 'check', 'result', 'detail'], rows)}\n`);
  const failed = results.filter((r) => !r.ok).length;
  process.stdout.write(`${results.length - failed} passed, ${failed} failed\n`);
  return failed === 0 && results.length > 0 ? 0 : 1;
}

async function smokeOne(spec: ServerSpec, url: URL, era: Era): Promise<SmokeResult[]> {
  const result = (check: string, ok: boolean, detail: string): SmokeResult => ({
    server: spec.name,
    client: era,
    check,
    ok,
    detail,
  });
  let client: HarnessClient;
  try {
    client = await connect(url, era);
  } catch (error) {
    return [result('connect', false, `${url.href}: ${String(error)}`)];
  }
  try {
    const out: SmokeResult[] = [];
    const { tools } = await client.listTools();
    out.push(result('tools/list', tools.length > 0, `${tools.length} tools`));
    const read = await client.callTool(spec.smoke.read.tool, spec.smoke.read.args);
    out.push(result(`read ${spec.smoke.read.tool}`, !read.isError, read.isError ? errorCode(read) : 'ok'));
    if (spec.smoke.mutating) {
      const mutating = spec.smoke.mutating();
      const args = { ...mutating.args, request_id: `smoke-${randomUUID()}` };
      const first = await client.callTool(mutating.tool, args);
      const second = await client.callTool(mutating.tool, args);
      const replayed = (second.meta?.['io.bulkhead/idempotency'] as { replayed?: boolean } | undefined)?.replayed;
      const ok = !first.isError && replayed === true && second.raw === first.raw;
      const detail = first.isError ? errorCode(first) : replayed ? 'second call replayed, identical' : 'not replayed';
      out.push(result(`replay ${mutating.tool}`, ok, detail));
    } else {
      out.push(result('replay', true, 'no mutating tool on this server'));
    }
    const bad = await client.callTool(spec.smoke.bad.tool, spec.smoke.bad.args);
    const code = errorCode(bad);
    out.push(result(`bad input ${spec.smoke.bad.tool}`, bad.isError && code === spec.smoke.bad.code, code));
    return out;
  } catch (error) {
    return [result('calls', false, String(error))];
  } finally {
    await client.close().catch(() => undefined);
  }
}

function errorCode(outcome: CallOutcome): string {
  return (outcome.meta?.['io.bulkhead/error'] as { code?: string } | undefined)?.code ?? 'no error code';
}
