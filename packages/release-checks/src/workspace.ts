/** Where the repository is and what it ships: the publishable packages and the servers with their bins. */
import { fileURLToPath } from 'node:url';

/** The repository root (this file is packages/release-checks/src/workspace.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A server package: its folder under packages/, npm name, bin and the environment its bin needs in tests. */
export interface ServerPackage {
  readonly dir: string;
  readonly name: string;
  readonly bin: string;
}

/** The three servers, each a publishable package, an image and a Kubernetes workload. */
export const SERVERS: readonly ServerPackage[] = [
  { dir: 'mcp-calculator-server', name: '@bulkhead/mcp-calculator-server', bin: 'mcp-calculator-server' },
  { dir: 'mcp-billing-server', name: '@bulkhead/mcp-billing-server', bin: 'mcp-billing-server' },
  { dir: 'mcp-k8s-server', name: '@bulkhead/mcp-k8s-server', bin: 'mcp-k8s-server' },
];

/** Folders (under packages/) of every package published to npm. */
export const PUBLISHABLE_DIRS: readonly string[] = ['core', ...SERVERS.map((s) => s.dir)];

/** Absolute path of a file or folder given relative to the repository root. */
export function repoPath(...parts: string[]): string {
  return [REPO_ROOT.replace(/\/$/, ''), ...parts].join('/');
}

/** Environment for a child process: the current one without settings that would change how a bin serves. */
export function cleanEnv(extra: Record<string, string>): Record<string, string> {
  const dropped = new Set(['MCP_TRANSPORT', 'HOST', 'PORT', 'LOG_LEVEL', 'NODE_OPTIONS', 'KUBECONFIG', 'REDIS_URL']);
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !dropped.has(key) && !key.startsWith('npm_') && !key.startsWith('VITEST'))
      env[key] = value;
  }
  return { ...env, ...extra };
}
