/** Declares configuration fields once: environment name, flag, zod schema and help text. */
import type { z } from 'zod';

/** One configuration field: an environment variable with an optional flag twin (the flag wins). */
export interface ConfigField<S extends z.ZodType = z.ZodType> {
  /** Environment variable name, e.g. `PORT`. */
  readonly env: string;
  /** Command-line flag, e.g. `--port`; omit for environment-only settings such as secrets. */
  readonly flag?: string;
  /** The flag is a switch: given without a value it means `true` (`--demo-data`); `--flag=false` still works. */
  readonly switch?: true;
  /** Parses the raw string (or undefined) into the typed value; include defaults here. */
  readonly schema: S;
  /** What the value is for and what is expected, shown by `--help` and in errors. */
  readonly help: string;
}

/** A record of named configuration fields. */
export type ConfigSpec = Record<string, ConfigField>;

/** The typed configuration a spec parses into. */
export type ConfigOf<Spec extends ConfigSpec> = { [K in keyof Spec]: z.output<Spec[K]['schema']> };

/** Declares a config spec with its types preserved. */
export function defineConfig<Spec extends ConfigSpec>(spec: Spec): Spec {
  return spec;
}
