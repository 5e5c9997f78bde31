/** Counters of other processes read from /proc (Linux): CPU time and I/O system calls. */
import { readdirSync, readFileSync } from 'node:fs';

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces); utime is index 11. */
function statFields(pid: number | string): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** CPU seconds (user + system, every thread) `pid` has used so far; /proc counts in USER_HZ ticks of 10 ms. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const fields = statFields(pid);
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/**
 * Read and write system calls `pid` has made so far (`syscr` + `syscw` of /proc/<pid>/io): socket reads and writes,
 * log writes. Unlike time, a count does not depend on how busy the machine is, so it shows round trips per request.
 */
export function ioSyscalls(pid: number): number | undefined {
  try {
    const io = readFileSync(`/proc/${pid}/io`, 'utf8');
    const count = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(io)?.[1] ?? Number.NaN);
    const total = count('syscr') + count('syscw');
    return Number.isNaN(total) ? undefined : total;
  } catch {
    return undefined;
  }
}

/** The local database and cache servers whose CPU a billing call also costs. */
const DEPENDENCY_COMMANDS = new Set(['postgres', 'redis-server']);

/**
 * CPU seconds used so far by every local PostgreSQL and Redis process, including exited PostgreSQL backends (the
 * postmaster's reaped-children time). Anything else using them at the same time is counted too.
 */
export function dependencyCpuSeconds(): number | undefined {
  let ticks = 0;
  let found = false;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (!DEPENDENCY_COMMANDS.has(comm)) continue;
      const f = statFields(entry);
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
      found = true;
    } catch {
      // the process ended while we looked
    }
  }
  return found ? ticks / 100 : undefined;
}
