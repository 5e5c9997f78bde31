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
    loader: { '.sql': 'text' },
  },
  bundledBin(
    { 'bin/mcp-billing-server': 'src/bin/mcp-billing-server.ts' },
    {
      // PGlite stays external: it loads its .wasm and .data files relative to its own module.
      noExternal: [/^(?!@electric-sql\/pglite)/],
      external: ['@electric-sql/pglite', 'pg-native'],
      loader: { '.sql': 'text' },
    },
  ),
]);
