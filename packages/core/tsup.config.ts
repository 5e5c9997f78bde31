import { defineConfig } from 'tsup';
import { libraryBuild } from '../../scripts/tsup-builds.js';

export default defineConfig(
  libraryBuild(
    {
      index: 'src/index.ts',
      'node/index': 'src/node/index.ts',
      'redis/index': 'src/redis/index.ts',
      'testing/index': 'src/testing/index.ts',
    },
    { external: ['vitest'] },
  ),
);
