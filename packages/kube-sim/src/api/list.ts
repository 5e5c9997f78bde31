// List and watch: selectors, limit/continue paging and the chunked watch stream.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { groupVersion, type ResourceInfo } from '../model/resources.js';
import type { KubeObject } from '../model/types.js';
import type { ObjectStore, StoreChange } from '../store/store.js';
import { decodeContinue, encodeContinue } from './continue-token.js';
import { type ObjectPredicate, parseFieldSelector, parseLabelSelector } from './selectors.js';
import { ApiError, badRequest } from './status.js';

/** Build the filter for a list or watch from its query. */
export function listPredicate(r: ResourceInfo, namespace: string | undefined, q: URLSearchParams): ObjectPredicate {
  const preds: ObjectPredicate[] = [];
  if (namespace !== undefined && r.namespaced) preds.push((o) => o.metadata.namespace === namespace);
  const ls = q.get('labelSelector');
  if (ls !== null && ls !== '') preds.push(parseLabelSelector(ls));
  const fs = q.get('fieldSelector');
  if (fs !== null && fs !== '') preds.push(parseFieldSelector(r.plural, fs));
  return (o) => preds.every((p) => p(o));
}

/** A list response body. */
export function listObjects(
  store: ObjectStore,
  r: ResourceInfo,
  namespace: string | undefined,
  q: URLSearchParams,
): Record<string, unknown> {
  const pred = listPredicate(r, namespace, q);
  const limitRaw = q.get('limit');
  const limit = limitRaw === null || limitRaw === '' ? 0 : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 0)
    throw badRequest(`limit must be a non-negative integer, got "${limitRaw}"`);
  const cont = q.get('continue');
  let startAfter = '';
  let rv = store.revision;
  if (cont !== null && cont !== '') {
    const t = decodeContinue(cont, store.compactedRevision);
    startAfter = t.startAfter;
    rv = t.rv;
  }
  const all = store
    .list(r.plural, r.namespaced ? namespace : undefined)
    .filter((e) => e.key > startAfter && pred(e.object));
  const page = limit > 0 ? all.slice(0, limit) : all;
  const metadata: Record<string, unknown> = { resourceVersion: String(rv) };
  const last = page[page.length - 1];
  if (limit > 0 && all.length > limit && last !== undefined) {
    metadata.continue = encodeContinue(rv, last.key);
    metadata.remainingItemCount = all.length - limit;
  }
  return { kind: `${r.kind}List`, apiVersion: groupVersion(r), metadata, items: page.map((e) => e.object) };
}

/** Serve a watch: a chunked stream of `{type, object}` lines until the timeout or the client goes away. */
export function serveWatch(
  store: ObjectStore,
  r: ResourceInfo,
  namespace: string | undefined,
  q: URLSearchParams,
  req: IncomingMessage,
  res: ServerResponse,
  onClose: (end: () => void) => () => void,
): void {
  const pred = listPredicate(r, namespace, q);
  const rvParam = q.get('resourceVersion') ?? '';
  const send = (type: string, object: unknown): void => {
    res.write(`${JSON.stringify({ type, object })}\n`);
  };
  const since = rvParam === '' || rvParam === '0' ? undefined : Number(rvParam);
  if (since !== undefined && !Number.isFinite(since)) throw badRequest(`invalid resource version "${rvParam}"`);
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Transfer-Encoding': 'chunked',
    'Cache-Control': 'no-cache, private',
  });
  res.flushHeaders();
  if (since !== undefined && since < store.oldestWatchable) {
    const gone = new ApiError(410, 'Expired', `too old resource version: ${since} (${store.oldestWatchable})`);
    send('ERROR', gone.toStatus());
    res.end();
    return;
  }
  const matches = (c: StoreChange): boolean => c.resource === r.plural && pred(c.object);
  if (since === undefined) {
    for (const { object } of store.list(r.plural, r.namespaced ? namespace : undefined))
      if (pred(object)) send('ADDED', object);
  } else {
    for (const c of store.changesSince(r.plural, since)) if (matches(c)) send(c.type, c.object);
  }
  let ended = false;
  const unsubscribe = store.subscribe((c) => {
    if (!ended && matches(c)) send(c.type, c.object satisfies KubeObject);
  });
  const end = (): void => {
    if (ended) return;
    ended = true;
    unsubscribe();
    deregister();
    clearTimeout(timer);
    res.end();
  };
  const deregister = onClose(end);
  const timeoutSeconds = Number(q.get('timeoutSeconds') ?? '1800');
  const timer = setTimeout(end, (Number.isFinite(timeoutSeconds) ? timeoutSeconds : 1800) * 1000);
  req.on('close', end);
}
