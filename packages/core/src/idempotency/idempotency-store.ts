/** The port behind idempotent tools (DESIGN §5): atomic claims with leases and fencing tokens. */

/** The answer to a claim on a dedup key. */
export type ClaimResult =
  /** The caller owns the lease and must execute; `takeover` when it replaced an expired lease (reconcile first). */
  | { readonly status: 'claimed'; readonly fence: number; readonly takeover: boolean }
  /** A completed record with the same fingerprint: replay `result` as stored. */
  | { readonly status: 'completed'; readonly result: string }
  /** Another owner holds a live lease with the same fingerprint. */
  | { readonly status: 'in_progress'; readonly retryAfterMs: number }
  /** The key is in use (live or completed) with different arguments. */
  | { readonly status: 'mismatch' };

/**
 * Stores idempotency records. Implementations must make `claim` atomic across every process
 * sharing the store, and must refuse `complete`/`release` from a stale fence.
 */
export interface IdempotencyStore {
  /** Claims `key` for arguments with `fingerprint`, or reports the existing record. */
  claim(key: string, fingerprint: string, leaseMs: number): Promise<ClaimResult>;
  /** Stores the opaque result for `retentionMs`; false (and nothing written) when `fence` is stale. */
  complete(key: string, fence: number, result: string, retentionMs: number): Promise<boolean>;
  /** Drops an in-progress lease so a retry executes; a no-op for a stale fence. */
  release(key: string, fence: number): Promise<void>;
  /** Closes connections, if any. */
  close(): Promise<void>;
}
