/** Schemas for common kinds of setting, so every server parses integers and lists the same way. */
import { z } from 'zod';

/** An integer setting from `min` to `max`, `fallback` when unset. */
export function integerSetting(min: number, max: number, fallback: number) {
  return z.coerce
    .number()
    .int()
    .min(min)
    .max(max)
    .optional()
    .transform((v) => v ?? fallback);
}

/** A comma-separated list setting, trimmed and without empty entries; undefined when unset. */
export const listSetting = z
  .string()
  .max(4096)
  .optional()
  .transform((v) =>
    v === undefined
      ? undefined
      : v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
  );
