/** What `npx -y @bulkhead/<server>` does: pack every publishable package, install the tarballs into an empty
 * project outside the workspace, and answer tools/list over stdio from each installed bin. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type KubeSim, startKubeSim } from '@bulkhead/kube-sim';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './processes.js';
import { cleanEnv, PUBLISHABLE_DIRS, repoPath, SERVERS } from './workspace.js';

let work: string;
let project: string;
let sim: KubeSim;
const tarballs: string[] = [];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'bulkhead-packed-'));
  const packs = join(work, 'tarballs');
  mkdirSync(packs);
  for (const dir of PUBLISHABLE_DIRS)
    await run('pnpm', ['pack', '--pack-destination', packs], { cwd: repoPath('packages', dir) });
  tarballs.push(...readdirSync(packs).map((f) => join(packs, f)));
  // An empty project in the system temp folder: nothing of the workspace is reachable from here.
  project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), '{ "name": "packed-install-check", "private": true }\n');
  const npmEnv = cleanEnv({});
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], {
    cwd: project,
    env: npmEnv,
    // Installs from the registry (its cache when warm); slow on a busy shared machine, so generous.
    timeoutMs: 420_000,
  });
  sim = await startKubeSim({ scenario: 'demo', tickMs: 50 });
}, 480_000);

afterAll(async () => {
  await sim?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed packages', () => {
  it('pack one tarball per publishable package, with no workspace or catalog protocol left', async () => {
    expect(tarballs).toHaveLength(PUBLISHABLE_DIRS.length);
    for (const dir of PUBLISHABLE_DIRS) {
      const installed = readFileSync(join(project, 'node_modules', '@bulkhead', dir, 'package.json'), 'utf8');
      expect(installed, dir).not.toMatch(/workspace:|catalog:/);
      const manifest = JSON.parse(installed) as { type: string; files: string[] };
      expect(manifest.type).toBe('module');
    }
  });

  it('ship only their `files`, the README, the LICENSE and package.json', () => {
    for (const dir of PUBLISHABLE_DIRS) {
      const root = join(project, 'node_modules', '@bulkhead', dir);
      const declared = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { files: string[] }).files;
      const allowed = new Set([...declared, 'LICENSE', 'README.md', 'package.json']);
      expect(readdirSync(root), dir).toEqual(expect.arrayContaining(['LICENSE', 'dist', 'package.json']));
      expect(
        readdirSync(root).filter((f) => !allowed.has(f)),
        dir,
      ).toEqual([]);
    }
  });

  it.each(SERVERS)('$bin answers tools/list over stdio from the installed bin', async (server) => {
    const env = cleanEnv({
      // The bins start with `#!/usr/bin/env node`: the Node running this test comes first on PATH.
      PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
      LOG_LEVEL: 'warn',
      BILLING_DATA_DIR: 'memory://',
      KUBECONFIG: sim.kubeconfigPath,
    });
    const transport = new StdioClientTransport({
      command: join(project, 'node_modules', '.bin', server.bin),
      args: [],
      cwd: project,
      env,
      stderr: 'pipe',
    });
    const client = new Client({ name: 'packed-install', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
    try {
      await client.connect(transport);
      const { tools } = await client.listTools();
      expect(tools.length, server.bin).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });
});
