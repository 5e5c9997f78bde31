/** Every Kustomize folder the repository ships: the bases (and RBAC parts) per server, and the team overlays. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT, repoPath, SERVERS } from './workspace.js';

/** Folders holding a kustomization.yaml under a root, found recursively. */
function kustomizations(root: string): string[] {
  if (!existsSync(root)) return [];
  const found = existsSync(join(root, 'kustomization.yaml')) ? [root] : [];
  for (const entry of readdirSync(root)) {
    const path = join(root, entry);
    if (statSync(path).isDirectory()) found.push(...kustomizations(path));
  }
  return found;
}

/** Every server's base folder. */
export const BASES: readonly string[] = SERVERS.map((s) => repoPath('packages', s.dir, 'deploy', 'base'));

/** Every kustomization folder under packages/<server>/deploy (bases, rbac, optional parts). */
export const SERVER_KUSTOMIZATIONS: readonly string[] = SERVERS.flatMap((s) =>
  kustomizations(repoPath('packages', s.dir, 'deploy')),
);

/** Top-level team overlays: deploy/overlays/<team>/<environment>. */
export const OVERLAYS: readonly string[] = kustomizations(repoPath('deploy', 'overlays')).filter(
  (dir) => relative(repoPath('deploy', 'overlays'), dir).split('/').length === 2,
);

/** A folder as shown in test names. */
export const label = (dir: string) => relative(REPO_ROOT, dir);
