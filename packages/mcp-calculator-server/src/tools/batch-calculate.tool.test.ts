/** batch_calculate through a real SDK client: per-item results and errors, counts, and the batch size bounds. */
import { callToolForTest, connectInProcess, type InProcessConnection } from '@bulkhead/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalculatorServer } from '../server.js';

interface BatchOutput {
  results: Array<{
    index: number;
    result?: string;
    exact?: boolean;
    error_code?: string;
    error?: string;
  }>;
  succeeded: number;
  failed: number;
}

let connection: InProcessConnection;
beforeAll(async () => {
  connection = await connectInProcess(createCalculatorServer());
});
afterAll(async () => {
  await connection.close();
});

const batch = (args: Record<string, unknown>) =>
  callToolForTest<BatchOutput>(connection.client, 'batch_calculate', args);

const MIXED = [
  { operation: 'add', x: 0.1, y: 0.2 },
  { operation: 'divide', x: 1, y: 0 },
  { operation: 'divide', x: 1, y: 3 },
  { operation: 'modulo', x: 5, y: 0 },
  { operation: 'power', x: 2, y: 0.5 },
  { operation: 'multiply', x: 2.5, y: 4 },
];

describe('batch_calculate', () => {
  it('answers every item on its own: successes, DIVISION_BY_ZERO items, counts; the call is not an error', async () => {
    const outcome = await batch({ operations: MIXED, precision: 5 });
    expect(outcome.isError).toBe(false);
    expect(outcome.error).toBeUndefined();
    expect(outcome.structured).toEqual({
      results: [
        { index: 0, result: '0.3', exact: true },
        {
          index: 1,
          error_code: 'DIVISION_BY_ZERO',
          error: expect.stringContaining('y must not be 0 for divide'),
        },
        { index: 2, result: '0.33333', exact: false },
        {
          index: 3,
          error_code: 'DIVISION_BY_ZERO',
          error: expect.stringContaining('y must not be 0 for modulo'),
        },
        { index: 4, error_code: 'DOMAIN_ERROR', error: expect.any(String) },
        { index: 5, result: '10', exact: true },
      ],
      succeeded: 3,
      failed: 3,
    });
    const lines = outcome.text.split('\n');
    expect(lines[0]).toBe('3 succeeded, 3 failed');
    expect(lines[1]).toBe('0: 0.3');
    expect(lines[2]).toMatch(/^1: error DIVISION_BY_ZERO: /);
    expect(lines).toHaveLength(7);
  });

  it('runs the maximum of 100 operations', async () => {
    const operations = Array.from({ length: 100 }, (_, i) => ({ operation: 'add', x: i, y: 1 }));
    const outcome = await batch({ operations });
    expect(outcome.isError).toBe(false);
    expect(outcome.structured?.succeeded).toBe(100);
    expect(outcome.structured?.failed).toBe(0);
    expect(outcome.structured?.results[99]).toEqual({ index: 99, result: '100', exact: true });
  });

  it('refuses 101 operations as INVALID_ARGUMENT naming the field and the limit', async () => {
    const operations = Array.from({ length: 101 }, () => ({ operation: 'add', x: 1, y: 2 }));
    const outcome = await batch({ operations });
    expect(outcome.isError).toBe(true);
    expect(outcome.error).toMatchObject({ code: 'INVALID_ARGUMENT', outcome: 'not_executed' });
    expect(outcome.text).toContain('Invalid argument "operations": must have at most 100 items');
  });

  it('refuses an empty batch as INVALID_ARGUMENT', async () => {
    const outcome = await batch({ operations: [] });
    expect(outcome.error?.code).toBe('INVALID_ARGUMENT');
    expect(outcome.text).toContain('"operations"');
  });

  it('names the item and field of an out-of-range operand', async () => {
    const outcome = await batch({
      operations: [
        { operation: 'add', x: 1, y: 2 },
        { operation: 'add', x: 1e16, y: 2 },
      ],
    });
    expect(outcome.error?.code).toBe('INVALID_ARGUMENT');
    expect(outcome.text).toContain('Invalid argument "operations[1].x"');
  });

  it('refuses an unknown operation inside an item, naming the item', async () => {
    const outcome = await batch({ operations: [{ operation: 'sqrt', x: 4, y: 0 }] });
    expect(outcome.error?.code).toBe('INVALID_ARGUMENT');
    expect(outcome.text).toContain('Invalid argument "operations[0].operation"');
  });

  it('refuses an unknown field inside an item, naming the item and its allowed fields', async () => {
    const outcome = await batch({ operations: [{ operation: 'add', x: 1, y: 2, z: 3 }] });
    expect(outcome.error?.code).toBe('INVALID_ARGUMENT');
    expect(outcome.error?.details).toEqual({ issues: [{ field: 'operations[0]', rule: 'unrecognized_keys' }] });
    expect(outcome.text).toContain('Unknown field "z"');
    expect(outcome.text).toContain('operations[0]');
    expect(outcome.text).toContain('operation, x, y');
  });

  it('answers the same way to an old-era (initialize) client', async () => {
    const legacy = await connectInProcess(createCalculatorServer(), { era: 'legacy' });
    try {
      const outcome = await callToolForTest<BatchOutput>(legacy.client, 'batch_calculate', { operations: MIXED });
      expect(outcome.isError).toBe(false);
      expect(outcome.structured).toMatchObject({ succeeded: 3, failed: 3 });
    } finally {
      await legacy.close();
    }
  });
});
