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
  bundledBin({ 'bin/mcp-calculator-server': 'src/bin/mcp-calculator-server.ts' }),
]);
