/** The in-memory relay: a cancel reaches exactly the same principal's call with the same request id. */
import { describe, expect, it } from 'vitest';
import { InMemoryCancellationRelay } from './in-memory-cancellation-relay.js';

describe('InMemoryCancellationRelay', () => {
  it("aborts the matching call with an AbortError carrying the reason, and nobody else's", async () => {
    const relay = new InMemoryCancellationRelay();
    const mine = new AbortController();
    const sameIdOtherPrincipal = new AbortController();
    const otherIdType = new AbortController();
    relay.register('alice', 7, mine);
    relay.register('bob', 7, sameIdOtherPrincipal);
    relay.register('alice', '7', otherIdType);
    expect(await relay.publishCancel('alice', 7, 'user pressed stop')).toBe(true);
    expect(mine.signal.aborted).toBe(true);
    expect(mine.signal.reason).toMatchObject({ name: 'AbortError', message: 'user pressed stop' });
    expect(sameIdOtherPrincipal.signal.aborted).toBe(false);
    expect(otherIdType.signal.aborted).toBe(false);
  });

  it('does nothing after unregister, and keeps other controllers of the same call', async () => {
    const relay = new InMemoryCancellationRelay();
    const first = new AbortController();
    const second = new AbortController();
    const unregister = relay.register('alice', 'req-1', first);
    relay.register('alice', 'req-1', second);
    unregister();
    unregister();
    await relay.publishCancel('alice', 'req-1');
    expect(first.signal.aborted).toBe(false);
    expect(second.signal.aborted).toBe(true);
  });

  it('forgets controllers on close without aborting them', async () => {
    const relay = new InMemoryCancellationRelay();
    const controller = new AbortController();
    relay.register('alice', 1, controller);
    await relay.close();
    await relay.publishCancel('alice', 1);
    expect(controller.signal.aborted).toBe(false);
  });
});
