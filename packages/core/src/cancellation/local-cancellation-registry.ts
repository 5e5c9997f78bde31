/** The in-process half of cancellation relays: controllers by (principal, request id). */
import type { RequestId } from './cancellation-relay.js';

/** Longer cancellation reasons are cut to this many characters. */
export const MAX_CANCEL_REASON_LENGTH = 200;

/** The reason an aborted signal carries: an AbortError, like `AbortController.abort()` gives. */
export function cancelReason(reason?: string): DOMException {
  const text = (reason ?? 'The client cancelled the request.').slice(0, MAX_CANCEL_REASON_LENGTH);
  return new DOMException(text, 'AbortError');
}

/** Controllers of the calls running in this process, keyed by principal and request id. */
export class LocalCancellationRegistry {
  readonly #controllers = new Map<string, Set<AbortController>>();

  /** How many (principal, request id) pairs have a controller registered. */
  get size(): number {
    return this.#controllers.size;
  }

  /** Registers `controller`; returns the function that unregisters it (safe to call twice). */
  register(principal: string, requestId: RequestId, controller: AbortController): () => void {
    const key = registryKey(principal, requestId);
    const set = this.#controllers.get(key) ?? new Set<AbortController>();
    set.add(controller);
    this.#controllers.set(key, set);
    return () => {
      set.delete(controller);
      if (set.size === 0 && this.#controllers.get(key) === set) this.#controllers.delete(key);
    };
  }

  /** Aborts every controller registered for exactly this principal and request id; returns how many. */
  abort(principal: string, requestId: RequestId, reason?: string): number {
    const set = this.#controllers.get(registryKey(principal, requestId));
    if (set === undefined) return 0;
    for (const controller of set) controller.abort(cancelReason(reason));
    return set.size;
  }

  /** Forgets every controller without aborting it. */
  clear(): void {
    this.#controllers.clear();
  }
}

/** JSON keeps the pair unambiguous: no principal can forge another's key, and 1 differs from "1". */
function registryKey(principal: string, requestId: RequestId): string {
  return JSON.stringify([principal, requestId]);
}
