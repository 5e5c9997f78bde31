import { defineConfig } from 'tsup';
import { bundledBin, libraryBuild } from '../../scripts/tsup-builds.js';

export default defineConfig([
  libraryBuild({ index: 'src/index.ts' }, { loader: { '.sql': 'text' } }),
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
