import { defineConfig } from 'tsup';
import { bundledBin, libraryBuild } from '../../scripts/tsup-builds.js';

export default defineConfig([
  libraryBuild({ index: 'src/index.ts' }),
  bundledBin({ 'bin/mcp-calculator-server': 'src/bin/mcp-calculator-server.ts' }),
]);
