/** Publishable manifests carry what npm and the MCP registry need; server.json matches the package and the bin;
 * private packages stay private; changesets are configured. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PUBLISHABLE_DIRS, repoPath, SERVERS } from './workspace.js';

type Json = Record<string, unknown>;
const readJson = (...parts: string[]) => JSON.parse(readFileSync(repoPath(...parts), 'utf8')) as Json;
const pkg = (dir: string) => readJson('packages', dir, 'package.json');

describe.each(PUBLISHABLE_DIRS)('packages/%s/package.json', (dir) => {
  const manifest = pkg(dir);

  it('is publishable: name, version, description, license, repository, keywords, engines, public access', () => {
    expect(manifest.name).toBe(`@bulkhead/${dir}`);
    expect(manifest.private).toBeUndefined();
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(String(manifest.description).length).toBeGreaterThan(20);
    expect(manifest.license).toBe('Apache-2.0');
    expect(existsSync(repoPath('packages', dir, 'LICENSE'))).toBe(true);
    expect(manifest.repository).toEqual({
      type: 'git',
      url: 'git+https://github.com/bulkhead/bulkhead.git',
      directory: `packages/${dir}`,
    });
    expect((manifest.keywords as string[]).length).toBeGreaterThan(2);
    expect(manifest.engines).toEqual({ node: '>=22.19' });
    expect(manifest.publishConfig).toEqual({ access: 'public' });
    // dist first; a package may ship data its code reads at run time (the k8s server's OpenAPI documents).
    expect((manifest.files as string[])[0]).toBe('dist');
  });

  it('is ESM only, with types on every export', () => {
    expect(manifest.type).toBe('module');
    expect(manifest.main).toBeUndefined();
    for (const [subpath, target] of Object.entries(manifest.exports as Json)) {
      if (subpath === './package.json') continue;
      expect(Object.keys(target as Json), subpath).toEqual(['types', 'default']);
      expect(JSON.stringify(target)).not.toMatch(/require|\.cjs/);
    }
  });
});

describe.each(SERVERS)('$name', (server) => {
  const manifest = pkg(server.dir);
  const serverJson = readJson('packages', server.dir, 'server.json');
  const [registryPackage] = serverJson.packages as Json[];

  it('has one bin named after the package, and an mcpName matching server.json', () => {
    expect(manifest.bin).toEqual({ [server.bin]: `./dist/bin/${server.bin}.js` });
    expect(manifest.mcpName).toBe(`io.github.bulkhead/${server.dir}`);
    expect(serverJson.name).toBe(manifest.mcpName);
  });

  it('has a server.json for the MCP registry: npm package, exact version, stdio', () => {
    expect(serverJson.$schema).toMatch(
      /^https:\/\/static\.modelcontextprotocol\.io\/schemas\/\d{4}-\d{2}-\d{2}\/server\.schema\.json$/,
    );
    expect(serverJson.name).toMatch(/^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/);
    expect(String(serverJson.description).length).toBeLessThanOrEqual(100);
    expect(serverJson.version).toBe(manifest.version);
    expect(serverJson.repository).toEqual({
      url: 'https://github.com/bulkhead/bulkhead',
      source: 'github',
      subfolder: `packages/${server.dir}`,
    });
    expect(serverJson.packages).toHaveLength(1);
    expect(registryPackage).toMatchObject({
      registryType: 'npm',
      registryBaseUrl: 'https://registry.npmjs.org',
      identifier: manifest.name,
      version: manifest.version,
      transport: { type: 'stdio' },
    });
  });

  it('lists only environment variables the bin reads, each described', () => {
    const help = execFileSync(
      process.execPath,
      [repoPath('packages', server.dir, 'dist', 'bin', `${server.bin}.js`), '--help'],
      {
        encoding: 'utf8',
      },
    );
    const variables = registryPackage?.environmentVariables as Json[];
    expect(variables.length).toBeGreaterThan(3);
    for (const variable of variables) {
      expect(Object.keys(variable).sort()).toEqual(['description', 'isRequired', 'isSecret', 'name']);
      expect(String(variable.description).length).toBeGreaterThan(10);
      // KUBECONFIG is the Kubernetes convention the client library reads; --help lists the server's own settings.
      if (variable.name !== 'KUBECONFIG') expect(help, String(variable.name)).toContain(String(variable.name));
    }
    const secrets = variables.filter((v) => v.isSecret).map((v) => v.name);
    for (const secret of ['CURSOR_SECRET', 'REDIS_URL']) expect(secrets).toContain(secret);
  });

  it('reports the package version from --version (src/version.ts kept in step)', () => {
    const out = execFileSync(
      process.execPath,
      [repoPath('packages', server.dir, 'dist', 'bin', `${server.bin}.js`), '--version'],
      {
        encoding: 'utf8',
      },
    );
    expect(out).toContain(String(manifest.version));
  });
});

describe('the workspace', () => {
  it('keeps test and tooling packages private', () => {
    for (const path of [
      ['packages', 'kube-sim'],
      ['packages', 'bench'],
      ['packages', 'release-checks'],
      ['apps', 'dev-harness'],
    ])
      expect(readJson(...path, 'package.json').private, path.join('/')).toBe(true);
  });

  it('versions and changelogs published packages with changesets', () => {
    const config = readJson('.changeset', 'config.json');
    expect(config).toMatchObject({
      access: 'public',
      baseBranch: 'main',
      privatePackages: { version: false, tag: false },
    });
    expect(readFileSync(repoPath('pnpm-workspace.yaml'), 'utf8')).toMatch(/"@changesets\/cli": \d+\.\d+\.\d+/);
    expect((readJson('package.json').devDependencies as Json)['@changesets/cli']).toBe('catalog:');
  });
});
