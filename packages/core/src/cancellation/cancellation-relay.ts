/** The port that carries old-era `notifications/cancelled` to whichever replica runs the call (DESIGN §9). */

/** A JSON-RPC request id: `1` and `"1"` are different ids. */
export type RequestId = string | number;

/**
 * Cancels in-flight calls by (principal, request id), wherever they run. A principal can only ever cancel
 * its own calls: the principal is part of the match, not a filter the sender chooses.
 */
export interface CancellationRelay {
  /** Makes `controller` abortable by a cancel for (principal, requestId); returns the function that undoes it. */
  register(principal: string, requestId: RequestId, controller: AbortController): () => void;
  /**
   * Aborts the matching calls here and on every other replica. Resolves true when the other replicas were
   * told, false when only local calls could be cancelled (the relay is down; logged). Never rejects.
   */
  publishCancel(principal: string, requestId: RequestId, reason?: string): Promise<boolean>;
  /** Stops relaying; registered controllers are forgotten, not aborted. */
  close(): Promise<void>;
}
