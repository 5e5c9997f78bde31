/** @bulkhead/mcp-calculator-server: the importable factory and its parts. */
export { CALCULATOR_DEFAULT_PORT, calculatorConfig } from './config.js';
export { createCalculatorServer } from './server.js';
export { type CalculatorDeps, type Computation, defaultCalculatorDeps } from './tools/calculator-deps.js';
export { calculatorTools } from './tools/index.js';
export { VERSION } from './version.js';
