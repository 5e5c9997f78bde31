import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigInvalidError, parseConfig } from './parse-config.js';
import { servingConfigSpec } from './serving-config.js';

const spec = servingConfigSpec(8701);
const parse = (env: Record<string, string>, argv: string[] = []) => parseConfig(spec, { env, argv });

describe('parseConfig', () => {
  it('applies defaults: stdio on 127.0.0.1 with the server port', () => {
    expect(parse({})).toMatchObject({ transport: 'stdio', host: '127.0.0.1', port: 8701, logLevel: 'info' });
  });

  it('reads environment twins and lets flags win', () => {
    const config = parse({ MCP_TRANSPORT: 'http', PORT: '9000' }, ['--port', '9100', '--log-level=debug']);
    expect(config).toMatchObject({ transport: 'http', port: 9100, logLevel: 'debug' });
  });

  it('splits comma lists', () => {
    expect(parse({ ALLOWED_HOSTS: 'a.example, b.example' }).allowedHosts).toEqual(['a.example', 'b.example']);
  });

  it('names the variable and what is expected on a bad value', () => {
    expect(() => parse({ PORT: 'abc' })).toThrow(ConfigInvalidError);
    expect(() => parse({ PORT: 'abc' })).toThrow(/^PORT: expected an integer port from 0 to 65535.*; got "abc"$/);
    expect(() => parse({}, ['--transport', 'carrier-pigeon'])).toThrow(/^--transport \(MCP_TRANSPORT\): expected/);
  });

  it('never echoes a secret back', () => {
    expect(() => parse({ CURSOR_SECRET: 'short-secret' })).toThrow(/CURSOR_SECRET: .*got a value$/);
  });

  it('reads a switch flag without a value as true', () => {
    const switchSpec = {
      ...spec,
      demo: {
        env: 'DEMO',
        flag: '--demo',
        switch: true as const,
        schema: z
          .enum(['true', 'false'])
          .default('false')
          .transform((v) => v === 'true'),
        help: 'seed demo data',
      },
    };
    expect(parseConfig(switchSpec, { env: {}, argv: ['--demo', '--port', '1'] })).toMatchObject({
      demo: true,
      port: 1,
    });
    expect(parseConfig(switchSpec, { env: {}, argv: ['--demo=false'] }).demo).toBe(false);
    expect(parseConfig(switchSpec, { env: {}, argv: [] }).demo).toBe(false);
  });

  it('refuses unknown flags and flags without values', () => {
    expect(() => parse({}, ['--prot', '1'])).toThrow(/unknown argument "--prot"/);
    expect(() => parse({}, ['--port'])).toThrow(/--port needs a value/);
  });
});
