/** The run's settings: full by default, `--quick` for development (shorter cases, fewer repetitions). */

/** How long and how often each case runs. */
export interface BenchOptions {
  readonly quick: boolean;
  /** Seconds of load per HTTP case (the issue caps a case at 10 s). */
  readonly durationSec: number;
  /** Repetitions of every HTTP case; the median is reported. */
  readonly repetitions: number;
  /** Concurrent connections of the load generator. */
  readonly connections: readonly number[];
  /** Milliseconds each in-process layer measurement runs. */
  readonly layerMs: number;
  /** Interleaved repetitions of every layer case; the least time is kept. */
  readonly layerRepetitions: number;
  /** Spawns per bin for the cold-start median. */
  readonly coldStarts: number;
  /** Where the markdown report goes, or undefined to print only. */
  readonly docsPath: string | undefined;
}

/** Parses `process.argv`-style flags: `--quick`, `--no-docs`. */
export function parseOptions(argv: readonly string[], defaultDocsPath: string): BenchOptions {
  const quick = argv.includes('--quick');
  return {
    quick,
    durationSec: quick ? 2 : 5,
    repetitions: quick ? 1 : 3,
    connections: [16, 64],
    layerMs: quick ? 300 : 1_000,
    layerRepetitions: quick ? 2 : 5,
    coldStarts: quick ? 3 : 10,
    docsPath: argv.includes('--no-docs') ? undefined : defaultDocsPath,
  };
}
