import { describe, expect, it } from 'vitest';
import { callSignal } from './call-signal.js';

describe('callSignal', () => {
  it('tells a caller cancel from a deadline and from shutdown', async () => {
    const caller = new AbortController();
    const byCaller = callSignal(caller.signal, new AbortController().signal, 10_000);
    caller.abort();
    expect(byCaller.signal.aborted && byCaller.cancelledByCaller()).toBe(true);

    const byDeadline = callSignal(new AbortController().signal, new AbortController().signal, 20);
    await new Promise((r) => setTimeout(r, 60));
    expect(byDeadline.signal.aborted).toBe(true);
    expect(byDeadline.cancelledByCaller()).toBe(false);

    const shutdown = new AbortController();
    const byShutdown = callSignal(new AbortController().signal, shutdown.signal, 10_000);
    shutdown.abort();
    expect(byShutdown.signal.aborted && !byShutdown.cancelledByCaller()).toBe(true);
    for (const s of [byCaller, byDeadline, byShutdown]) s.dispose();
  });

  it('counts a relayed cancel (the controller aborted directly) as the caller, and stops listening once disposed', () => {
    const caller = new AbortController();
    const call = callSignal(caller.signal, new AbortController().signal, 10_000);
    call.controller.abort();
    expect(call.cancelledByCaller()).toBe(true);
    const later = callSignal(caller.signal, new AbortController().signal, 10_000);
    later.dispose();
    caller.abort();
    expect(later.signal.aborted).toBe(false);
  });
});
