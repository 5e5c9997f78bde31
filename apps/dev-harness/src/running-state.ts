/** The record `dev` keeps of what it runs, so `smoke` and `conformance` can find the servers. */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SERVERS } from './servers.js';
import { RUNNING_FILE } from './workspace.js';

/** The running servers and the simulator's kubeconfig. */
export interface RunningState {
  readonly pid: number;
  readonly servers: ReadonlyArray<{ name: string; url: string }>;
  readonly kubeconfigPath: string;
}

/** Writes the state file. */
export function writeRunning(state: RunningState): void {
  mkdirSync(dirname(RUNNING_FILE), { recursive: true });
  writeFileSync(RUNNING_FILE, `${JSON.stringify(state, null, 2)}\n`);
}

/** Removes the state file. */
export function clearRunning(): void {
  rmSync(RUNNING_FILE, { force: true });
}

/** The running servers' URLs: from the state file of a live `dev`, else the default ports. */
export function runningServers(): Array<{ name: string; url: URL }> {
  try {
    const state = JSON.parse(readFileSync(RUNNING_FILE, 'utf8')) as RunningState;
    process.kill(state.pid, 0);
    return state.servers.map((s) => ({ name: s.name, url: new URL(s.url) }));
  } catch {
    return SERVERS.map((s) => ({ name: s.name, url: new URL(`http://127.0.0.1:${s.defaultPort}/mcp`) }));
  }
}
