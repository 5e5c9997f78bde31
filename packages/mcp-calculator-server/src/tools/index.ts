/** The calculator's tools. */
import { batchCalculateTool } from './batch-calculate.tool.js';
import { calculateTool } from './calculate.tool.js';
import { evaluateExpressionTool } from './evaluate-expression.tool.js';

/** Every tool of the calculator server. */
export const calculatorTools = [calculateTool, evaluateExpressionTool, batchCalculateTool];
