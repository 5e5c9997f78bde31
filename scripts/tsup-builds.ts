/**
 * The tsup builds every package shares: the published library entries, and a server's bundled bin.
 *
 * The bundled bin (cold start ~40% faster than resolving node_modules, DESIGN §9),
 * shared by every server package's tsup.config.ts. Two output rules keep the idle process small:
 * - Node built-ins are loaded with require(), never as ES modules: the ES module facade of a built-in reads every
 *   export, and `node:http`'s lazy exports then load undici and http2 (12 MiB of RSS in a bare process) into a
 *   process that never calls fetch.
 * - The output is ASCII only. esbuild escapes strings and identifiers but keeps some comments verbatim; one em dash
 *   in a kept comment makes V8 hold the whole bundle's source as two bytes per character.
 */
import { builtinModules } from 'node:module';
import type { Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];
type TsupPlugin = NonNullable<Options['plugins']>[number];

const BUILTINS = new Set(
  builtinModules.flatMap((name) => (name.startsWith('node:') ? [name] : [name, `node:${name}`])),
);
const BUILTIN_NAMESPACE = 'bulkhead-builtin';

/** Rewrites static `import … from 'node:x'` to a CommonJS module re-exporting `require('node:x')`. */
const builtinsThroughRequire: EsbuildPlugin = {
  name: 'bulkhead-builtins-through-require',
  setup(build) {
    build.onResolve({ filter: /^[a-z][a-z0-9_:/]*$/ }, (args) =>
      args.kind === 'import-statement' && BUILTINS.has(args.path)
        ? { path: args.path, namespace: BUILTIN_NAMESPACE }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: BUILTIN_NAMESPACE }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

/**
 * Replaces each non-ASCII UTF-16 unit of the output with `?`, one for one so the source map stays exact. With
 * esbuild's default ASCII charset only comments can hold such characters.
 */
const asciiOutput: TsupPlugin = {
  name: 'bulkhead-ascii-output',
  renderChunk(code) {
    const ascii = code.replace(/[\u0080-\uffff]/g, '?');
    return ascii === code ? undefined : { code: ascii };
  },
};

/** The bundled bin build of `entry` (e.g. `{ 'bin/mcp-x-server': 'src/bin/mcp-x-server.ts' }`); `overrides` win. */
export function bundledBin(entry: Record<string, string>, overrides: Options = {}): Options {
  return {
    entry,
    format: ['esm'],
    target: 'node24',
    platform: 'node',
    sourcemap: true,
    noExternal: [/.*/],
    // tsup's own `node:` handling would resolve those imports before the plugin sees them.
    removeNodeProtocol: false,
    esbuildPlugins: [builtinsThroughRequire],
    plugins: [asciiOutput],
    banner: {
      js: "import { createRequire as __bulkheadCreateRequire } from 'node:module'; const require = __bulkheadCreateRequire(import.meta.url);",
    },
    ...overrides,
  };
}

/** The published library build of `entry`: ESM with type declarations, dependencies left to the installer. */
export function libraryBuild(entry: Record<string, string>, overrides: Options = {}): Options {
  return {
    entry,
    format: ['esm'],
    target: 'node24',
    platform: 'node',
    dts: true,
    sourcemap: true,
    clean: true,
    ...overrides,
  };
}
