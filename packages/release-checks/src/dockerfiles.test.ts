/** Every server's Dockerfile keeps the image rules; the rules themselves catch what they should. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDockerfile, isPinnedImage, parseDockerfile } from './dockerfile.js';
import { repoPath, SERVERS } from './workspace.js';

const PNPM_VERSION = (
  JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { packageManager: string }
).packageManager.replace('pnpm@', '');
const read = (dir: string) => readFileSync(repoPath('packages', dir, 'Dockerfile'), 'utf8');

describe.each(SERVERS)('packages/$dir/Dockerfile', (server) => {
  it('keeps every rule: multi-stage, pinned Node 24 slim, pnpm deploy --prod, non-root, HTTP command', () => {
    expect(checkDockerfile(read(server.dir), server.dir, PNPM_VERSION)).toEqual([]);
  });
});

describe('the Dockerfile rules', () => {
  const good = read('mcp-billing-server');
  const check = (text: string) => checkDockerfile(text, 'mcp-billing-server', PNPM_VERSION);

  it('refuses latest, floating tags and untagged bases', () => {
    expect(check(good.replaceAll('node:24.21.0-slim', 'node:latest')).join()).toMatch(/latest/);
    expect(check(good.replaceAll('node:24.21.0-slim', 'node')).join()).toMatch(/latest/);
    expect(check(good.replaceAll('node:24.21.0-slim', 'node:24-slim')).join()).toMatch(/not pinned/);
    expect(isPinnedImage(`node:24-slim@sha256:${'a'.repeat(64)}`)).toBe(true);
  });

  it('refuses a root or missing user and a single stage', () => {
    expect(check(good.replace('USER 1000:1000', 'USER root')).join()).toMatch(/root/);
    expect(check(good.replace('USER 1000:1000', '')).join()).toMatch(/no USER/);
    expect(check(good.replace('USER 1000:1000', 'USER node')).join()).toMatch(/not numeric/);
    const single = good.slice(0, good.indexOf('FROM node:24.21.0-slim AS runtime'));
    expect(check(single).join()).toMatch(/multi-stage/);
  });

  it('refuses a stdio default command, dev dependencies in the tree and installs in the final stage', () => {
    expect(check(good.replace(', "--transport", "http", "--host", "0.0.0.0"', '')).join()).toMatch(/CMD/);
    expect(check(good.replace(' --prod /out', ' /out')).join()).toMatch(/pnpm deploy/);
    expect(check(`${good}\nRUN npm install left-pad\n`).join()).toMatch(/installs packages/);
  });

  it('joins continuation lines and numbers stages', () => {
    const parsed = parseDockerfile('FROM a:1.2.3 AS x\nENV A=1 \\\n    B=2\nFROM b:1.2.3\n');
    expect(parsed).toEqual([
      { keyword: 'FROM', args: 'a:1.2.3 AS x', stage: 0 },
      { keyword: 'ENV', args: 'A=1 B=2', stage: 0 },
      { keyword: 'FROM', args: 'b:1.2.3', stage: 1 },
    ]);
  });
});

describe('.dockerignore', () => {
  it('keeps installed modules, build output, VCS data and local state out of the build context', () => {
    const lines = readFileSync(repoPath('.dockerignore'), 'utf8').split('\n');
    for (const entry of ['.git', '**/node_modules', '**/dist', '.toolchain', '**/.bulkhead', '.env'])
      expect(lines).toContain(entry);
  });
});
