// Copies each server's package.json version into src/version.ts, server.json and the base image tag (run after `changeset version`).
import { readFileSync, writeFileSync } from 'node:fs';

const SERVERS = ['mcp-calculator-server', 'mcp-billing-server', 'mcp-k8s-server'];
const root = new URL('../packages/', import.meta.url);

for (const name of SERVERS) {
  const dir = new URL(`${name}/`, root);
  const { version } = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8'));
  const versionTs = new URL('src/version.ts', dir);
  const source = readFileSync(versionTs, 'utf8').replace(/VERSION = '[^']*'/, `VERSION = '${version}'`);
  writeFileSync(versionTs, source);
  const serverJsonUrl = new URL('server.json', dir);
  const serverJson = JSON.parse(readFileSync(serverJsonUrl, 'utf8'));
  serverJson.version = version;
  for (const pkg of serverJson.packages) pkg.version = version;
  writeFileSync(serverJsonUrl, `${JSON.stringify(serverJson, null, 2)}\n`);
  const deploymentUrl = new URL('deploy/base/deployment.yaml', dir);
  const deployment = readFileSync(deploymentUrl, 'utf8').replace(
    new RegExp(`(image: ghcr\\.io/bulkhead/${name}):[^\\s]+`),
    `$1:${version}`,
  );
  writeFileSync(deploymentUrl, deployment);
  process.stdout.write(`${name}: ${version}\n`);
}
