/** One abort signal per tool call: the caller's cancel, a relayed cancel, the deadline and shutdown feed it. */

/** The signal a handler gets, and why it fired. */
export interface CallSignal {
  /** Abort this to cancel the call as its caller (the cancellation relay does). */
  readonly controller: AbortController;
  readonly signal: AbortSignal;
  /** True when the call was aborted by its caller rather than by the deadline or shutdown. */
  cancelledByCaller(): boolean;
  /** Removes the listeners and the deadline timer; call once the call is over. */
  dispose(): void;
}

/** Builds a call's signal without composites or a timer left behind (it sits on every call's path). */
export function callSignal(caller: AbortSignal, shutdown: AbortSignal, timeoutMs: number): CallSignal {
  const controller = new AbortController();
  let stoppedByServer = false;
  const stop = (reason: unknown) => {
    if (controller.signal.aborted) return;
    stoppedByServer = true;
    controller.abort(reason);
  };
  const onCaller = () => controller.abort(caller.reason);
  const onShutdown = () => stop(shutdown.reason);
  if (caller.aborted) onCaller();
  else caller.addEventListener('abort', onCaller, { once: true });
  if (shutdown.aborted) onShutdown();
  else shutdown.addEventListener('abort', onShutdown, { once: true });
  const timer = setTimeout(() => stop(new DOMException('The call passed its deadline.', 'TimeoutError')), timeoutMs);
  return {
    controller,
    signal: controller.signal,
    cancelledByCaller: () => controller.signal.aborted && !stoppedByServer,
    dispose() {
      clearTimeout(timer);
      caller.removeEventListener('abort', onCaller);
      shutdown.removeEventListener('abort', onShutdown);
    },
  };
}
