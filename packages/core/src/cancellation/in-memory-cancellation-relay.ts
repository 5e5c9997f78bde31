/** The embedded cancellation relay (DESIGN §7): one process, so a cancel only has local calls to reach. */
import type { CancellationRelay, RequestId } from './cancellation-relay.js';
import { LocalCancellationRegistry } from './local-cancellation-registry.js';

/** Cancels calls of this process only; for one process, never for replicas sharing traffic. */
export class InMemoryCancellationRelay implements CancellationRelay {
  readonly #registry = new LocalCancellationRegistry();

  /** Makes `controller` abortable by a cancel for (principal, requestId). */
  register(principal: string, requestId: RequestId, controller: AbortController): () => void {
    return this.#registry.register(principal, requestId, controller);
  }

  /** Aborts the matching local calls; there are no other replicas to tell, so always true. */
  async publishCancel(principal: string, requestId: RequestId, reason?: string): Promise<boolean> {
    this.#registry.abort(principal, requestId, reason);
    return true;
  }

  /** Forgets every registered controller. */
  async close(): Promise<void> {
    this.#registry.clear();
  }
}
