/** The conditions a run was measured under: machine, runtime, commit and date. */
import { execFileSync } from 'node:child_process';
import os from 'node:os';

/** What a reader needs to compare two runs. */
export interface RunConditions {
  readonly date: string;
  readonly commit: string;
  readonly dirty: boolean;
  readonly node: string;
  readonly cores: number;
  readonly cpuModel: string;
  readonly totalMemGiB: number;
  readonly platform: string;
  /** 1-minute load average at the start: other work on a shared machine shows here. */
  readonly loadAverage: number;
}

/** Reads the run's conditions; git is only read, never changed. */
export function readConditions(repoRoot: string): RunConditions {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
  return {
    date: new Date().toISOString(),
    commit: git('rev-parse', '--short', 'HEAD'),
    // The report itself is rewritten by every run; any other change means the commit is not what was measured.
    dirty: git('status', '--porcelain', '--', '.', ':(exclude)docs/benchmarks.md').length > 0,
    node: process.version,
    cores: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    totalMemGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}
