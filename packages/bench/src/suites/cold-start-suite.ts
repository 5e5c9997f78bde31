/** Cold start over stdio (spawn to the first `tools/list` answer), median of N, and idle RSS per bin. */
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStdioSession } from '../children/stdio-session.ts';
import { rssMiB } from '../load/rss.ts';
import { median } from '../stats.ts';
import type { BinTarget } from './server-bins.ts';

/** One bin's cold start and its resident memory once idle. */
export interface ColdStartFigure {
  readonly server: string;
  readonly medianMs?: number;
  readonly minMs?: number;
  readonly maxMs?: number;
  /** Median CPU ms the bin used up to its first listing. */
  readonly medianCpuMs?: number | undefined;
  readonly spawns?: number;
  /** RSS 500 ms after the first listing, over stdio. */
  readonly idleRssMiB?: number | undefined;
  /** Size of the bundled bin, in MiB (parse and compile time grows with it). */
  readonly bundleMiB?: number;
  readonly unavailable?: string;
}

/** Spawns every bin `spawns` times, one after another. */
export async function runColdStartSuite(targets: readonly BinTarget[], spawns: number): Promise<ColdStartFigure[]> {
  const figures: ColdStartFigure[] = [];
  for (const target of targets) {
    if (!target.bin) {
      figures.push({ server: target.server, unavailable: target.unavailable ?? 'not measured' });
      continue;
    }
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let idleRssMiB: number | undefined;
    try {
      for (let i = 0; i < spawns; i += 1) {
        const session = await openStdioSession(target.bin, target.env);
        times.push(session.coldStartMs);
        if (session.coldStartCpuMs !== undefined) cpuTimes.push(session.coldStartCpuMs);
        if (i === spawns - 1) {
          await sleep(500);
          idleRssMiB = rssMiB(session.pid);
        }
        await session.close();
      }
      figures.push({
        server: target.server,
        medianMs: median(times),
        minMs: Math.min(...times),
        maxMs: Math.max(...times),
        medianCpuMs: cpuTimes.length > 0 ? median(cpuTimes) : undefined,
        spawns,
        idleRssMiB,
        bundleMiB: loadedAtStartBytes(target.bin) / 2 ** 20,
      });
    } catch (error) {
      figures.push({ server: target.server, unavailable: `not measured: ${(error as Error).message}` });
    }
  }
  return figures;
}

/**
 * Bytes of JavaScript a bin loads before it runs: the bin file and every chunk it imports statically, transitively
 * (`import … from "./chunk-….js"`). Chunks behind a dynamic `import()` load only when used and are not counted.
 */
function loadedAtStartBytes(bin: string): number {
  const seen = new Set<string>();
  const pending = [resolve(bin)];
  let bytes = 0;
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    bytes += statSync(file).size;
    for (const match of readFileSync(file, 'utf8').matchAll(
      /(?:^|[\s;])(?:from|import)\s*["'](\.{1,2}\/[^"']+)["']/g,
    )) {
      if (match[1]) pending.push(resolve(dirname(file), match[1]));
    }
  }
  return bytes;
}
