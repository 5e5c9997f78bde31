/** The calculator server as a whole: a lean, sorted, fully described tools/list within budget, and the shared memo. */
import { callToolForTest, captureLogger, connectInProcess, countToolListTokens } from '@bulkhead/core/testing';
import { describe, expect, it } from 'vitest';
import { createCalculatorServer } from './server.js';
import { defaultCalculatorDeps } from './tools/calculator-deps.js';

/** DESIGN §4: the calculator's whole tools/list stays within 800 o200k tokens. */
const TOKEN_BUDGET = 800;
const HINTS = ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const;

interface JsonSchemaNode {
  properties?: Record<string, JsonSchemaNode & { description?: string }>;
  items?: JsonSchemaNode;
}

/** Every property path in a JSON Schema (nested objects and array items included) whose schema has no description. */
function undescribedProperties(node: JsonSchemaNode, path = ''): string[] {
  const missing: string[] = [];
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    if (typeof child.description !== 'string' || child.description.trim() === '') missing.push(`${path}${name}`);
    missing.push(...undescribedProperties(child, `${path}${name}.`));
  }
  if (node.items) missing.push(...undescribedProperties(node.items, `${path}[].`));
  return missing;
}

async function listTools() {
  const connection = await connectInProcess(createCalculatorServer());
  try {
    return (await connection.client.listTools()).tools;
  } finally {
    await connection.close();
  }
}

describe('calculator tools/list', () => {
  const tokens = countToolListTokens(createCalculatorServer());

  it(`fits the ${TOKEN_BUDGET}-token budget (o200k: ${tokens} tokens)`, () => {
    expect(tokens, `tools/list is ${tokens} o200k tokens; the budget is ${TOKEN_BUDGET}`).toBeLessThanOrEqual(
      TOKEN_BUDGET,
    );
    expect(tokens).toBeGreaterThan(0);
  });

  it('lists the three tools sorted by name, identically on every listing', async () => {
    const tools = await listTools();
    const names = tools.map((t) => t.name);
    expect(names).toEqual(['batch_calculate', 'calculate', 'evaluate_expression']);
    expect(JSON.stringify(await listTools())).toBe(JSON.stringify(tools));
  });

  it('describes every input property, nested ones included', async () => {
    for (const tool of await listTools()) {
      expect(undescribedProperties(tool.inputSchema as JsonSchemaNode), tool.name).toEqual([]);
      expect(Object.keys(tool.inputSchema.properties ?? {}).length, tool.name).toBeGreaterThan(0);
    }
  });

  it('rejects unknown input fields in every schema, at every object level', async () => {
    for (const tool of await listTools()) {
      expect(tool.inputSchema.additionalProperties, tool.name).toBe(false);
    }
    const batch = (await listTools()).find((t) => t.name === 'batch_calculate');
    const items = (batch?.inputSchema.properties?.operations as { items?: { additionalProperties?: unknown } })?.items;
    expect(items?.additionalProperties).toBe(false);
  });

  it('carries no $schema key and no empty default anywhere', async () => {
    const wire = JSON.stringify(await listTools());
    expect(wire).not.toContain('"$schema"');
    expect(wire).not.toMatch(/"default":(""|\[\]|\{\}|null)/);
  });

  it('sets all four hints explicitly on every tool: read-only, not destructive, idempotent, closed world', async () => {
    for (const tool of await listTools()) {
      const annotations = tool.annotations ?? {};
      for (const hint of HINTS) expect(typeof annotations[hint], `${tool.name}.${hint}`).toBe('boolean');
      expect(annotations, tool.name).toMatchObject({
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      });
    }
  });

  it('gives every tool a title, a description and an output schema', async () => {
    for (const tool of await listTools()) {
      expect(tool.title, tool.name).toBeTruthy();
      expect(tool.description?.length, tool.name).toBeGreaterThan(20);
      expect(tool.outputSchema?.type, tool.name).toBe('object');
    }
  });
});

describe('calculator memo', () => {
  it('answers a repeated calculation from the memo', async () => {
    const deps = defaultCalculatorDeps();
    const connection = await connectInProcess(createCalculatorServer(deps));
    try {
      const args = { operation: 'divide', x: 22, y: 7, precision: 12 };
      const first = await callToolForTest(connection.client, 'calculate', args);
      const before = deps.memo.stats();
      expect(before).toMatchObject({ hits: 0, misses: 1, size: 1 });
      const second = await callToolForTest(connection.client, 'calculate', args);
      expect(deps.memo.stats()).toMatchObject({ hits: 1, misses: 1, size: 1 });
      expect(second.structured).toEqual(first.structured);
      expect(second.structured).toEqual({ result: '3.14285714286', exact: false });
    } finally {
      await connection.close();
    }
  });

  it('keys the memo on every argument, and never memoizes a failure', async () => {
    const deps = defaultCalculatorDeps();
    const connection = await connectInProcess(createCalculatorServer(deps));
    try {
      await callToolForTest(connection.client, 'calculate', { operation: 'divide', x: 22, y: 7, precision: 12 });
      const other = await callToolForTest(connection.client, 'calculate', {
        operation: 'divide',
        x: 22,
        y: 7,
        precision: 5,
      });
      expect(other.structured).toMatchObject({ result: '3.1429', exact: false });
      const failing = { operation: 'divide', x: 1, y: 0 };
      expect((await callToolForTest(connection.client, 'calculate', failing)).error?.code).toBe('DIVISION_BY_ZERO');
      expect((await callToolForTest(connection.client, 'calculate', failing)).error?.code).toBe('DIVISION_BY_ZERO');
      expect(deps.memo.stats()).toMatchObject({ hits: 0, misses: 4, size: 2 });
    } finally {
      await connection.close();
    }
  });
});

describe('calculator protocol surface', () => {
  it('answers an unknown tool with a protocol error (-32602), the one protocol fault a call can hit', async () => {
    const connection = await connectInProcess(createCalculatorServer());
    try {
      await expect(connection.client.callTool({ name: 'square_root', arguments: {} })).rejects.toMatchObject({
        code: -32602,
      });
    } finally {
      await connection.close();
    }
  });
});

describe('calculator memo hit rate in the logs', () => {
  it('logs the hit rate at info every 1,000 lookups', async () => {
    const { logger, lines } = captureLogger();
    const deps = defaultCalculatorDeps();
    const server = createCalculatorServer(deps, { logger });
    const connection = await connectInProcess(server);
    try {
      const operations = Array.from({ length: 100 }, (_, i) => ({ operation: 'add', x: i % 10, y: 1 }));
      for (let round = 0; round < 10; round += 1) {
        await callToolForTest(connection.client, 'batch_calculate', { operations });
      }
      const report = lines.find((l) => l.msg === 'calculator memo');
      expect(report).toMatchObject({ memo_hits: 990, memo_misses: 10, memo_hit_rate: 0.99 });
    } finally {
      await connection.close();
    }
  });
});
