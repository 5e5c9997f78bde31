import { defineConfig } from 'tsup';
import { bundledBin, libraryBuild } from '../../scripts/tsup-builds.js';

export default defineConfig([
  libraryBuild({ index: 'src/index.ts' }),
  bundledBin({ 'bin/mcp-k8s-server': 'src/bin/mcp-k8s-server.ts' }),
]);
