/** The floor for memory figures: the RSS of an idle Node process that loads nothing. */
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { rssMiB } from '../load/rss.ts';

/** Idle RSS in MiB of `node -e` with a timer and nothing else, 500 ms after spawn. */
export async function bareNodeRssMiB(): Promise<number | undefined> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 60_000)'], { stdio: 'ignore' });
  await sleep(500);
  const rss = child.pid === undefined ? undefined : rssMiB(child.pid);
  child.kill('SIGKILL');
  return rss;
}
