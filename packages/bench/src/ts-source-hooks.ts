/**
 * Lets Node load workspace TypeScript sources in place: a relative `./x.js` import resolves to `./x.ts`, and a
 * `.sql` file imports as its text (as the servers' bundler loads it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Installs the resolve hook once; call before importing a package's `src/` (type stripping does the rest). */
export function allowWorkspaceTsSources(): void {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.includes('/src/')) {
        const candidate = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
        if (existsSync(fileURLToPath(candidate))) return nextResolve(candidate.href, context);
      }
      return nextResolve(specifier, context);
    },
    load(url, context, nextLoad) {
      if (!url.endsWith('.sql')) return nextLoad(url, context);
      const text = readFileSync(fileURLToPath(url), 'utf8');
      return { format: 'module', source: `export default ${JSON.stringify(text)};`, shortCircuit: true };
    },
  });
}
