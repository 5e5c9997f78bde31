/** Relays old-era `notifications/cancelled` across replicas over Redis pub/sub (DESIGN §9). */
import type { Redis } from 'ioredis';
import type { CancellationRelay, RequestId } from '../cancellation/cancellation-relay.js';
import { LocalCancellationRegistry, MAX_CANCEL_REASON_LENGTH } from '../cancellation/local-cancellation-registry.js';
import type { RedisClientLogger } from './redis-client.js';

/** Options of {@link RedisCancellationRelay}. */
export interface RedisCancellationRelayOptions {
  /** The pub/sub channel every replica of one server shares; defaults to `bulkhead:cancel`. */
  channel?: string;
  /** Where relay failures go. */
  logger?: Pick<RedisClientLogger, 'warn'>;
}

/** What travels on the channel: principal, request id and an optional reason. */
interface CancelMessage {
  readonly p: string;
  readonly id: RequestId;
  readonly r?: string;
}

/**
 * Cancels calls on every replica: `publishCancel` aborts the matching local calls at once and publishes the
 * cancel; each replica's subscriber aborts its own matching calls. Matching is by principal and request id
 * together, so one principal can never cancel another's call. The connections belong to the caller.
 */
export class RedisCancellationRelay implements CancellationRelay {
  readonly #publisher: Redis;
  readonly #subscriber: Redis;
  readonly #channel: string;
  readonly #logger: Pick<RedisClientLogger, 'warn'> | undefined;
  readonly #registry = new LocalCancellationRegistry();
  readonly #subscribed: Promise<void>;
  #markSubscribed: () => void = () => {};
  #closed = false;

  /** `subscriber` must be a connection of its own (e.g. `publisher.duplicate()`): it enters subscriber mode. */
  constructor(publisher: Redis, subscriber: Redis, options: RedisCancellationRelayOptions = {}) {
    this.#publisher = publisher;
    this.#subscriber = subscriber;
    this.#channel = options.channel ?? 'bulkhead:cancel';
    this.#logger = options.logger;
    this.#subscribed = new Promise((resolve) => {
      this.#markSubscribed = resolve;
    });
    subscriber.on('message', this.#onMessage);
    // Without an offline queue, SUBSCRIBE fails until the connection is ready; try again whenever it is.
    subscriber.on('ready', this.#subscribe);
    this.#subscribe();
  }

  /** Resolves once the subscription is live; at start-up, await it with a timeout (it waits for Redis). */
  ready(): Promise<void> {
    return this.#subscribed;
  }

  /** Makes `controller` abortable by a cancel for (principal, requestId) from any replica. */
  register(principal: string, requestId: RequestId, controller: AbortController): () => void {
    return this.#registry.register(principal, requestId, controller);
  }

  /** Aborts matching local calls, then tells every replica; false (and logged) when Redis could not be told. */
  async publishCancel(principal: string, requestId: RequestId, reason?: string): Promise<boolean> {
    const r = reason?.slice(0, MAX_CANCEL_REASON_LENGTH);
    this.#registry.abort(principal, requestId, r);
    const message: CancelMessage = { p: principal, id: requestId, ...(r === undefined ? {} : { r }) };
    try {
      await this.#publisher.publish(this.#channel, JSON.stringify(message));
      return true;
    } catch (error) {
      this.#logger?.warn({ err: error }, 'cancellation not relayed to other replicas: redis unavailable');
      return false;
    }
  }

  /** Unsubscribes and forgets registered controllers; the connections stay open for their owner to quit. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#subscriber.off('message', this.#onMessage);
    this.#subscriber.off('ready', this.#subscribe);
    this.#registry.clear();
    if (this.#subscriber.status === 'ready') await this.#subscriber.unsubscribe(this.#channel);
  }

  readonly #subscribe = (): void => {
    if (this.#closed || this.#subscriber.status !== 'ready') return;
    this.#subscriber.subscribe(this.#channel).then(
      () => this.#markSubscribed(),
      (error: unknown) => this.#logger?.warn({ err: error }, 'cancellation relay could not subscribe; retrying'),
    );
  };

  readonly #onMessage = (channel: string, payload: string): void => {
    if (channel !== this.#channel) return;
    const message = parseCancelMessage(payload);
    if (message === undefined) {
      this.#logger?.warn({ channel }, 'malformed cancellation message ignored');
      return;
    }
    this.#registry.abort(message.p, message.id, message.r);
  };
}

function parseCancelMessage(payload: string): CancelMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { p, id, r } = value as Record<string, unknown>;
  if (typeof p !== 'string' || (typeof id !== 'string' && typeof id !== 'number')) return undefined;
  return typeof r === 'string' ? { p, id, r } : { p, id };
}
