/** The image's contents without a container engine: the Dockerfile's `pnpm deploy --prod` tree, run with node
 * over HTTP (health, readiness and tools/list), and free of devDependencies. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type KubeSim, startKubeSim } from '@bulkhead/kube-sim';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, run, start, stop, waitForHttp } from './processes.js';
import { cleanEnv, REPO_ROOT, SERVERS } from './workspace.js';

let work: string;
let sim: KubeSim;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'bulkhead-deploy-'));
  sim = await startKubeSim({ scenario: 'demo', tickMs: 50 });
});
afterAll(async () => {
  await sim?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Package names installed at the top of a deployed tree (scoped names joined). */
function installed(root: string): string[] {
  const modules = join(root, 'node_modules', '.pnpm');
  return readdirSync(modules).filter((entry) => entry !== 'node_modules' && entry !== 'lock.yaml');
}

describe.each(SERVERS)('the production tree of $name', (server) => {
  const out = () => join(work, server.dir);

  it('is built by the same pnpm deploy command as the Dockerfile, without devDependencies', async () => {
    const dockerfile = readFileSync(join(REPO_ROOT, 'packages', server.dir, 'Dockerfile'), 'utf8');
    const command = dockerfile.split('\n').find((l) => l.startsWith('RUN pnpm') && l.includes(' deploy '));
    expect(command, 'the Dockerfile has a RUN pnpm … deploy line').toBeDefined();
    const args = (command ?? '')
      .replace(/^RUN pnpm /, '')
      .replace(/ \/out$/, ` ${out()}`)
      .split(' ');
    await run('pnpm', args, { cwd: REPO_ROOT, env: cleanEnv({}) });
    expect(existsSync(join(out(), 'dist', 'bin', `${server.bin}.js`))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'packages', server.dir, 'package.json'), 'utf8')) as {
      devDependencies?: Record<string, string>;
    };
    const packages = installed(out());
    for (const dev of [...Object.keys(manifest.devDependencies ?? {}), 'vitest', 'typescript', 'tsup', 'esbuild'])
      expect(
        packages.some((p) => p.startsWith(`${dev.replace('/', '+')}@`)),
        `${dev} in the tree`,
      ).toBe(false);
  });

  it('serves HTTP from the tree with node: /healthz, /readyz and tools/list', async () => {
    const port = await freePort();
    const env = cleanEnv({ LOG_LEVEL: 'warn', PORT: String(port), BILLING_DATA_DIR: 'memory://' });
    env.KUBECONFIG = sim.kubeconfigPath;
    const server_ = start(process.execPath, [`dist/bin/${server.bin}.js`, '--transport', 'http'], out(), env);
    try {
      const base = `http://127.0.0.1:${port}`;
      expect(await waitForHttp(`${base}/healthz`, server_.child), server_.stderr()).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      const client = new Client({ name: 'deploy-tree', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`)));
      try {
        expect((await client.listTools()).tools.length).toBeGreaterThan(0);
      } finally {
        await client.close();
      }
    } finally {
      await stop(server_.child);
    }
  });
});
