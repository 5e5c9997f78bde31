/** The floors a Node process starts from: idle RSS and start-up time of a process that loads nothing. */
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { rssMiB } from '../load/rss.ts';
import { median } from '../stats.ts';

/** Idle RSS in MiB of `node -e` with a timer and nothing else, 500 ms after spawn. */
export async function bareNodeRssMiB(): Promise<number | undefined> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 60_000)'], { stdio: 'ignore' });
  await sleep(500);
  const rss = child.pid === undefined ? undefined : rssMiB(child.pid);
  child.kill('SIGKILL');
  return rss;
}

/**
 * Median ms from spawn to the first byte on stdout of `node -e` writing one line: the part of every cold start
 * that is Node itself on this machine at this moment (the baseline the bins' cold starts are divided by).
 */
export async function bareNodeStartMs(spawns: number): Promise<number | undefined> {
  const times: number[] = [];
  for (let i = 0; i < spawns; i += 1) {
    const started = performance.now();
    const child = spawn(process.execPath, ['-e', 'process.stdout.write("ready\\n")'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const ok = await new Promise<boolean>((resolve) => {
      child.stdout.once('data', () => resolve(true));
      child.once('error', () => resolve(false));
      child.once('exit', () => resolve(false));
    });
    if (ok) times.push(performance.now() - started);
    child.kill('SIGKILL');
  }
  return times.length > 0 ? median(times) : undefined;
}
