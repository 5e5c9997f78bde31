import { defineConfig } from 'tsup';
import { bundledBin } from '../../scripts/tsup-bin.js';

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm'],
    target: 'node24',
    platform: 'node',
    dts: true,
    sourcemap: true,
    clean: true,
  },
  bundledBin({ 'bin/mcp-k8s-server': 'src/bin/mcp-k8s-server.ts' }),
]);
