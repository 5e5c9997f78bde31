/** Where things are: the workspace root, the built bins, and the harness's own state directory. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the harness runs from apps/dev-harness/dist). */
export const WORKSPACE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Local state the harness writes: kubeconfig, billing data, the running servers. */
export const STATE_DIR = process.env.HARNESS_STATE_DIR ?? join(WORKSPACE_ROOT, '.bulkhead');

/** The file `dev` writes and `smoke`/`conformance` read to find the running servers. */
export const RUNNING_FILE = join(STATE_DIR, 'harness-running.json');

/** Absolute path of a server package's built bin. */
export function binPath(packageDir: string, bin: string): string {
  return join(WORKSPACE_ROOT, 'packages', packageDir, 'dist', 'bin', `${bin}.js`);
}

/** Whether every bin exists; the harness never builds by itself (`pnpm dev` builds first). */
export function missingBins(bins: readonly string[]): string[] {
  return bins.filter((bin) => !existsSync(bin));
}
