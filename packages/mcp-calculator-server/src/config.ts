/** The calculator's own settings, parsed once at start with the shared serving settings. */
import { defineConfig, integerSetting } from '@bulkhead/core';

/** Calculator settings: the memo size. */
export const calculatorConfig = defineConfig({
  memoSize: {
    env: 'CALCULATOR_MEMO_SIZE',
    flag: '--memo-size',
    schema: integerSetting(1, 1_000_000, 10_000),
    help: 'an integer from 1 to 1000000: results kept in the in-process memo (default 10000)',
  },
});

/** The calculator's default HTTP port (DESIGN §11). */
export const CALCULATOR_DEFAULT_PORT = 8701;
