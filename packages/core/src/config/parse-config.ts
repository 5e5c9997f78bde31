/** Parses environment and flags once against a spec; a bad value is one clear error naming the variable. */
import type { ConfigOf, ConfigSpec } from './config-schema.js';

/** A configuration value that cannot be used; its message is the one line printed before exiting. */
export class ConfigInvalidError extends Error {
  override readonly name = 'ConfigInvalidError';
}

/** Sources of configuration: process environment and command-line arguments (without node and script). */
export interface ConfigSources {
  env: Readonly<Record<string, string | undefined>>;
  argv: readonly string[];
}

/** Reads `--flag value` and `--flag=value` pairs; unknown flags are an error, so typos never pass silently. */
function readFlags(spec: ConfigSpec, argv: readonly string[]): Map<string, string> {
  const byFlag = new Map<string, string>();
  const switches = new Set<string>();
  for (const field of Object.values(spec)) {
    if (field.flag) byFlag.set(field.flag, field.env);
    if (field.flag && field.switch) switches.add(field.flag);
  }
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const env = byFlag.get(flag);
    if (!env) {
      const known = [...byFlag.keys(), '--help', '--version'].join(', ');
      throw new ConfigInvalidError(`unknown argument "${arg}"; expected one of: ${known}`);
    }
    if (eq < 0 && switches.has(flag)) {
      values.set(env, 'true');
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[i + 1];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) {
      throw new ConfigInvalidError(`${flag} needs a value`);
    }
    if (eq < 0) i += 1;
    values.set(env, value);
  }
  return values;
}

/** Parses the sources against the spec; throws {@link ConfigInvalidError} naming the first bad variable. */
export function parseConfig<Spec extends ConfigSpec>(spec: Spec, sources: ConfigSources): ConfigOf<Spec> {
  const flags = readFlags(spec, sources.argv);
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(spec)) {
    const fromFlag = flags.get(field.env);
    const raw = fromFlag ?? emptyToUndefined(sources.env[field.env]);
    const parsed = field.schema.safeParse(raw);
    if (!parsed.success) {
      const source = fromFlag !== undefined && field.flag ? `${field.flag} (${field.env})` : field.env;
      const got = raw === undefined ? 'nothing' : field.env.match(/SECRET|TOKEN|PASSWORD|URL/) ? 'a value' : `"${raw}"`;
      throw new ConfigInvalidError(`${source}: expected ${field.help.replace(/\.$/, '')}; got ${got}`);
    }
    out[key] = parsed.data;
  }
  return out as ConfigOf<Spec>;
}

/** Renders `--help` text for a spec. */
export function configHelp(spec: ConfigSpec): string {
  return Object.values(spec)
    .map((f) => `  ${(f.flag ? `${f.flag} <value>` : '').padEnd(32)} ${f.env.padEnd(22)} ${f.help}`)
    .join('\n');
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
