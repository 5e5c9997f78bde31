/** The allowed expression functions and constants over tracked decimals, with their domain checks. */
import type { Decimal } from 'decimal.js';
import { CALCULATOR_ERROR_CODES, calculatorError } from './calculator-errors.js';
import { MAX_PRECISION, type TrackedDecimal, WideDecimal, WorkingDecimal } from './decimal-context.js';
import { applyOperation } from './decimal-operations.js';
import type { ConstantName, FunctionName } from './expression-names.js';
import { arityError } from './expression-syntax-errors.js';

let constants: Readonly<Record<ConstantName, Decimal>> | undefined;

/** The value of a constant, computed once to the working precision; never exact. */
export function constantValue(name: ConstantName): TrackedDecimal {
  constants ??= { pi: WorkingDecimal.acos(-1), e: WorkingDecimal.exp(1) };
  return { value: constants[name], exact: false };
}

/**
 * Applies an allowed function to evaluated arguments (arity is checked by the parser). `round` rounds half away from
 * zero (`round(-2.5) = -3`); results stay exact only when the inputs were exact and no irrational step was needed.
 */
export function applyFunction(name: FunctionName, args: readonly TrackedDecimal[], position: number): TrackedDecimal {
  const x = argument(name, args, 0, position);
  switch (name) {
    case 'sqrt': {
      requireDomain(x.value.gte(0), name, x.value, position, 'pass a number >= 0 (use abs(x) for the magnitude)');
      const root = WorkingDecimal.sqrt(x.value);
      return { value: root, exact: x.exact && WideDecimal.mul(root, root).eq(x.value) };
    }
    case 'abs':
      return { value: x.value.abs(), exact: x.exact };
    case 'round':
      return round(x, args[1], position);
    case 'floor':
      return { value: x.value.floor(), exact: x.exact };
    case 'ceil':
      return { value: x.value.ceil(), exact: x.exact };
    case 'min':
    case 'max':
      return args.reduce((best, next) => {
        const better = name === 'min' ? next.value.lt(best.value) : next.value.gt(best.value);
        return better ? next : best;
      }, x);
    case 'pow':
      return applyOperation(
        'power',
        x,
        argument(name, args, 1, position),
        { label: `pow at ${position}`, left: 'the base', right: 'the exponent', details: { position } },
        { fractionalPower: true },
      );
    case 'ln':
      requireDomain(x.value.gt(0), name, x.value, position, 'pass a number greater than 0');
      return x.value.eq(1)
        ? { value: new WorkingDecimal(0), exact: x.exact }
        : { value: WorkingDecimal.ln(x.value), exact: false };
    case 'log10': {
      requireDomain(x.value.gt(0), name, x.value, position, 'pass a number greater than 0');
      const powerOfTen = x.value.eq(new WorkingDecimal(`1e${x.value.e}`));
      return powerOfTen
        ? { value: new WorkingDecimal(x.value.e), exact: x.exact }
        : { value: WorkingDecimal.log10(x.value), exact: false };
    }
  }
}

function round(x: TrackedDecimal, digits: TrackedDecimal | undefined, position: number): TrackedDecimal {
  const places = digits?.value ?? new WorkingDecimal(0);
  if (!places.isInteger() || places.lt(0) || places.gt(MAX_PRECISION)) {
    throw calculatorError(
      CALCULATOR_ERROR_CODES.DOMAIN_ERROR,
      `round at ${position} needs digits to be a whole number from 0 to ${MAX_PRECISION}, got ${shown(places)}; ` +
        'pass the number of decimal places to keep.',
      { position, function: 'round' },
    );
  }
  const value = x.value.toDecimalPlaces(places.toNumber(), WorkingDecimal.ROUND_HALF_UP);
  return { value, exact: x.exact && (digits?.exact ?? true) };
}

function argument(name: FunctionName, args: readonly TrackedDecimal[], index: number, position: number) {
  const value = args[index];
  if (value === undefined) {
    throw arityError(name, position, args.length);
  }
  return value;
}

function requireDomain(ok: boolean, name: FunctionName, x: Decimal, position: number, hint: string): void {
  if (!ok) {
    throw calculatorError(
      CALCULATOR_ERROR_CODES.DOMAIN_ERROR,
      `${name} at ${position} is undefined for ${shown(x)}; ${hint}.`,
      { position, function: name },
    );
  }
}

function shown(value: Decimal): string {
  const text = new WorkingDecimal(value).toSignificantDigits(20).toString();
  return text === '-0' ? '0' : text;
}
