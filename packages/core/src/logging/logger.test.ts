import { describe, expect, it } from 'vitest';
import { captureLogger } from '../testing/capture-logger.js';
import { newCorrelationId } from './logger.js';

describe('logger', () => {
  it('redacts tokens, secrets and state URLs at any depth it knows', () => {
    const { logger, lines } = captureLogger();
    logger.info(
      {
        authorization: 'Bearer abc.def.ghi',
        req: { headers: { authorization: 'Bearer x', cookie: 'session=1' } },
        config: { redisUrl: 'redis://:hunter2@cache:6379', cursorSecret: 's3cr3t', databaseUrl: 'postgres://u:p@db/x' },
        token: 't0k3n',
        kept: 'visible',
      },
      'startup',
    );
    const text = JSON.stringify(lines);
    for (const secret of ['abc.def.ghi', 'Bearer x', 'session=1', 'hunter2', 's3cr3t', 'u:p@db', 't0k3n']) {
      expect(text).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({ kept: 'visible', token: '[redacted]', level: 'info', msg: 'startup' });
  });

  it('makes short unique correlation ids', () => {
    const ids = new Set(Array.from({ length: 1000 }, newCorrelationId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{16}$/);
  });
});
