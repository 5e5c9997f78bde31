/** calculate through a real SDK client: every operation, exact decimals, rounding, and every error code it can reach. */
import { callToolForTest, connectInProcess, type InProcessConnection } from '@bulkhead/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalculatorServer } from '../server.js';

interface CalculateOutput {
  result: string;
  exact: boolean;
}

let connection: InProcessConnection;
beforeAll(async () => {
  connection = await connectInProcess(createCalculatorServer());
});
afterAll(async () => {
  await connection.close();
});

const calculate = (args: Record<string, unknown>) =>
  callToolForTest<CalculateOutput>(connection.client, 'calculate', args);

describe('calculate: every operation', () => {
  it.each([
    { operation: 'add', x: 0.1, y: 0.2, result: '0.3', text: '0.1 + 0.2 = 0.3' },
    { operation: 'subtract', x: 0.3, y: 0.1, result: '0.2', text: '0.3 - 0.1 = 0.2' },
    { operation: 'multiply', x: 1.1, y: 1.1, result: '1.21', text: '1.1 × 1.1 = 1.21' },
    { operation: 'divide', x: 1, y: 4, result: '0.25', text: '1 ÷ 4 = 0.25' },
    { operation: 'power', x: 2, y: 10, result: '1024', text: '2 ^ 10 = 1024' },
    { operation: 'power', x: 2, y: -2, result: '0.25', text: '2 ^ -2 = 0.25' },
    { operation: 'modulo', x: -7, y: 3, result: '-1', text: '-7 mod 3 = -1' },
    { operation: 'modulo', x: 5.5, y: 2, result: '1.5', text: '5.5 mod 2 = 1.5' },
  ])('$operation($x, $y) = $result exactly', async ({ operation, x, y, result, text }) => {
    const outcome = await calculate({ operation, x, y });
    expect(outcome.isError).toBe(false);
    expect(outcome.error).toBeUndefined();
    expect(outcome.structured).toEqual({ result, exact: true });
    expect(outcome.text).toBe(text);
  });

  it('adds 0.1 and 0.2 to exactly 0.3, not 0.30000000000000004', async () => {
    const outcome = await calculate({ operation: 'add', x: 0.1, y: 0.2 });
    expect(outcome.structured?.result).toBe('0.3');
    expect(outcome.structured?.exact).toBe(true);
  });

  it('rounds half-up to the requested precision and says the result is not exact', async () => {
    const third = await calculate({ operation: 'divide', x: 1, y: 3, precision: 5 });
    expect(third.structured).toEqual({ result: '0.33333', exact: false });
    expect(third.text).toBe('1 ÷ 3 ≈ 0.33333');
    const twoThirds = await calculate({ operation: 'divide', x: 2, y: 3, precision: 5 });
    expect(twoThirds.structured?.result).toBe('0.66667');
    const product = await calculate({ operation: 'multiply', x: 123456789, y: 987654321, precision: 5 });
    expect(product.structured).toMatchObject({ result: '121930000000000000', exact: false });
  });

  it('keeps an exact result exact when it fits the precision', async () => {
    const outcome = await calculate({ operation: 'multiply', x: 12.5, y: 8, precision: 3 });
    expect(outcome.structured).toEqual({ result: '100', exact: true });
  });

  it('answers the same way to an old-era (initialize) client', async () => {
    const legacy = await connectInProcess(createCalculatorServer(), { era: 'legacy' });
    try {
      expect(legacy.client.getNegotiatedProtocolVersion()).not.toBe('2026-07-28');
      const outcome = await callToolForTest<CalculateOutput>(legacy.client, 'calculate', {
        operation: 'add',
        x: 0.1,
        y: 0.2,
      });
      expect(outcome.structured).toEqual({ result: '0.3', exact: true });
    } finally {
      await legacy.close();
    }
  });
});

describe('calculate: domain errors are isError results with the envelope, never protocol errors', () => {
  it.each(['divide', 'modulo'])('%s by zero is DIVISION_BY_ZERO', async (operation) => {
    const outcome = await calculate({ operation, x: 1, y: 0 });
    expect(outcome.isError).toBe(true);
    expect(outcome.structured).toBeUndefined();
    expect(outcome.error).toMatchObject({ code: 'DIVISION_BY_ZERO', retryable: false, outcome: 'failed' });
    expect(outcome.error?.correlation_id).toMatch(/^[0-9a-f]{16}$/);
    expect(outcome.text).toContain(`Division by zero: y must not be 0 for ${operation}`);
    expect(outcome.text).toContain(`correlation_id ${outcome.error?.correlation_id}`);
  });

  it('0 to a negative power is DIVISION_BY_ZERO', async () => {
    const outcome = await calculate({ operation: 'power', x: 0, y: -1 });
    expect(outcome.error?.code).toBe('DIVISION_BY_ZERO');
  });

  it('a fractional exponent is DOMAIN_ERROR', async () => {
    const outcome = await calculate({ operation: 'power', x: 2, y: 0.5 });
    expect(outcome.isError).toBe(true);
    expect(outcome.error?.code).toBe('DOMAIN_ERROR');
    expect(outcome.text).toContain('must be an integer');
  });

  it('a result beyond 1e1000 is NUMBER_OUT_OF_RANGE', async () => {
    const outcome = await calculate({ operation: 'power', x: 1e15, y: 100 });
    expect(outcome.isError).toBe(true);
    expect(outcome.error?.code).toBe('NUMBER_OUT_OF_RANGE');
  });
});

describe('calculate: bad arguments are INVALID_ARGUMENT naming the field', () => {
  it.each([
    { name: 'an operation outside the enum', args: { operation: 'sqrt', x: 4, y: 0 }, field: 'operation' },
    { name: 'x beyond 1e15', args: { operation: 'add', x: 1e16, y: 1 }, field: 'x' },
    { name: 'y below -1e15', args: { operation: 'add', x: 1, y: -1e16 }, field: 'y' },
    { name: 'precision 31', args: { operation: 'add', x: 1, y: 1, precision: 31 }, field: 'precision' },
    { name: 'precision 0', args: { operation: 'add', x: 1, y: 1, precision: 0 }, field: 'precision' },
    { name: 'a missing y', args: { operation: 'add', x: 1 }, field: 'y' },
  ])('$name', async ({ args, field }) => {
    const outcome = await calculate(args);
    expect(outcome.isError).toBe(true);
    expect(outcome.error).toMatchObject({ code: 'INVALID_ARGUMENT', retryable: false, outcome: 'not_executed' });
    expect(outcome.text).toContain(`Invalid argument "${field}"`);
    expect(outcome.error?.details).toEqual({ issues: [expect.objectContaining({ field })] });
  });

  it('names the allowed operations for an unknown one', async () => {
    const outcome = await calculate({ operation: 'sqrt', x: 4, y: 0 });
    expect(outcome.text).toContain('"add", "subtract", "multiply", "divide", "power", "modulo"');
  });

  it('names the rule for precision 31', async () => {
    const outcome = await calculate({ operation: 'add', x: 1, y: 1, precision: 31 });
    expect(outcome.text).toContain('"precision": must be ≤ 30');
  });

  it('rejects an unknown field, naming it and the allowed ones', async () => {
    const outcome = await calculate({ operation: 'add', x: 1, y: 2, z: 3 });
    expect(outcome.error?.code).toBe('INVALID_ARGUMENT');
    expect(outcome.text).toContain('Unknown field "z"');
    expect(outcome.text).toContain('allowed fields: operation, x, y, precision');
  });

  it('describes an operand of the wrong type as the wrong type, not as missing', async () => {
    const outcome = await calculate({ operation: 'add', x: '1', y: 2 });
    expect(outcome.error?.code).toBe('INVALID_ARGUMENT');
    expect(outcome.text).toContain('Invalid argument "x"');
    expect(outcome.text).toContain('expected number');
    expect(outcome.text).not.toContain('missing');
  });
});
