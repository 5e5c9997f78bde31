/** Resident memory of a child process, read from /proc/<pid>/status (Linux). */
import { readFileSync } from 'node:fs';

/** VmRSS of `pid` in MiB, or undefined when it cannot be read (process gone, not Linux). */
export function rssMiB(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples the RSS of `pid` every `intervalMs` until stopped; `stop()` returns the peak in MiB. */
export function sampleRss(pid: number, intervalMs = 200): { stop(): number | undefined } {
  let peak: number | undefined;
  const take = () => {
    const now = rssMiB(pid);
    if (now !== undefined) peak = Math.max(peak ?? 0, now);
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}
