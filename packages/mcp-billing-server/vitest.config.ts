import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    {
      // Plain .sql migrations are imported as text, as tsup's text loader does for the build.
      name: 'sql-as-text',
      transform(code, id) {
        return id.endsWith('.sql') ? { code: `export default ${JSON.stringify(code)};`, map: null } : undefined;
      },
    },
  ],
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
