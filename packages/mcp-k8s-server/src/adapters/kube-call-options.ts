/** Per-call client-node options: the caller's abort signal with a timeout, and an explicit Content-Type. */
import {
  type ConfigurationOptions,
  Observable,
  type ObservableMiddleware,
  PatchStrategy,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';

/** Content types for PATCH; client-node 2.x would otherwise send JSON Patch. */
export const PATCH_CONTENT_TYPES = {
  apply: PatchStrategy.ServerSideApply,
  strategic: PatchStrategy.StrategicMergePatch,
  merge: PatchStrategy.MergePatch,
} as const;

/** The options of one API call: abort on the caller's signal or after `timeoutMs`, and set the Content-Type. */
export function callOptions(signal: AbortSignal, timeoutMs: number, contentType?: string): ConfigurationOptions {
  const combined = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
  // The object-parameter API runs observable middleware (client-node's own minimal Observable).
  const middleware: ObservableMiddleware = {
    pre: (context: RequestContext) => {
      context.setSignal(combined);
      if (contentType !== undefined) context.setHeaderParam('Content-Type', contentType);
      return new Observable(Promise.resolve(context));
    },
    post: (context: ResponseContext) => new Observable(Promise.resolve(context)),
  };
  return { middleware: [middleware], middlewareMergeStrategy: 'append' };
}
