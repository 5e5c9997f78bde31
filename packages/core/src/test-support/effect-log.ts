/** Where the fixture's mutating tool records each real execution: in memory, or in a file shared by processes. */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';

/** One real execution of the fixture's mutating tool. */
export interface Effect {
  label: string;
  principal: string;
  requestId: string;
}

/** Records executions so tests can count them. */
export interface EffectLog {
  append(effect: Effect): number;
  all(): Effect[];
}

/** Effects in an array (one process). */
export class ArrayEffectLog implements EffectLog {
  readonly #effects: Effect[] = [];
  append(effect: Effect): number {
    this.#effects.push(effect);
    return this.#effects.length;
  }
  all(): Effect[] {
    return [...this.#effects];
  }
}

/** Effects as JSON lines in a file; O_APPEND writes of one short line are atomic across processes. */
export class FileEffectLog implements EffectLog {
  constructor(readonly path: string) {}
  append(effect: Effect): number {
    appendFileSync(this.path, `${JSON.stringify(effect)}\n`);
    return this.all().length;
  }
  all(): Effect[] {
    if (!existsSync(this.path)) return [];
    return readFileSync(this.path, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Effect);
  }
}
