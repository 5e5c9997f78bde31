#!/usr/bin/env node
/** The calculator bin: stdio by default, `--transport http` for Streamable HTTP. */
import { runServerCli } from '@bulkhead/core/node';
import { CALCULATOR_DEFAULT_PORT, calculatorConfig } from '../config.js';
import { createCalculatorServer } from '../server.js';
import { defaultCalculatorDeps } from '../tools/calculator-deps.js';
import { VERSION } from '../version.js';

await runServerCli({
  bin: 'mcp-calculator-server',
  name: 'calculator',
  version: VERSION,
  description: 'exact arithmetic for agents over MCP',
  defaultPort: CALCULATOR_DEFAULT_PORT,
  config: calculatorConfig,
  create: ({ config, runtime }) => createCalculatorServer(defaultCalculatorDeps(config.memoSize), runtime),
});
