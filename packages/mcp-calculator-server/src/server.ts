/** createCalculatorServer: the calculator's tools composed on core; no I/O at import time. */
import { type ComposedServer, composeServer, type Runtime, type RuntimeOptions } from '@bulkhead/core';
import { type CalculatorDeps, defaultCalculatorDeps } from './tools/calculator-deps.js';
import { calculatorTools } from './tools/index.js';
import { VERSION } from './version.js';

/** Composes the calculator server; pass deps to share a memo, and a runtime to share stores and logger. */
export function createCalculatorServer(
  deps: CalculatorDeps = defaultCalculatorDeps(),
  runtime: Runtime | RuntimeOptions = {},
): ComposedServer {
  return composeServer(
    {
      name: 'calculator',
      version: VERSION,
      instructions:
        'Exact decimal arithmetic. Results are decimal strings; `exact: false` means rounded to `precision`.',
      tools: calculatorTools,
      scopes: { read: 'calculator:use', mutating: 'calculator:use' },
    },
    deps,
    runtime,
  );
}
