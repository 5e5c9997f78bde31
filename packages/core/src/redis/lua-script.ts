/** A Lua script run with EVALSHA, falling back to EVAL once when the server has not cached it yet. */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** One server-side script; atomic on the Redis that runs it. */
export class LuaScript {
  readonly #source: string;
  readonly #sha: string;

  constructor(source: string) {
    this.#source = source;
    this.#sha = createHash('sha1').update(source).digest('hex');
  }

  /** Runs the script with `keys` and `args`; the reply is unchecked, so callers decode it. */
  async run(client: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await client.evalsha(this.#sha, keys.length, ...keys, ...args);
    } catch (error) {
      // After a restart or SCRIPT FLUSH the cache is empty; EVAL loads the script again.
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(this.#source, keys.length, ...keys, ...args);
    }
  }
}

/** The Lua prelude that reads the Redis server clock in milliseconds, so every replica agrees on `now`. */
export const LUA_NOW_MS =
  "local clock = redis.call('TIME')\nlocal now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)\n";

/** Reads an array reply, or throws when a script answered something else. */
export function replyArray(reply: unknown, script: string): readonly unknown[] {
  if (!Array.isArray(reply)) throw new Error(`${script}: unexpected reply from Redis`);
  return reply;
}

/** Reads an integer reply element. */
export function replyInteger(value: unknown, script: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new Error(`${script}: expected an integer`);
  return value;
}

/** Reads a string reply element. */
export function replyString(value: unknown, script: string): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  throw new Error(`${script}: expected a string`);
}
