// The HTTPS API server: faults, authentication, discovery, RBAC and dispatch of the REST verbs.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { Pod } from '../model/types.js';
import { checkApplyConfig, planApply } from '../patch/apply.js';
import { OPENAPI_FILES, openapiText } from '../schema/openapi.js';
import type { FieldValidation } from '../schema/validate.js';
import type { ObjectStore } from '../store/store.js';
import { authorize, type TokenRegistry } from './auth.js';
import { coreVersions, group, groupList, resourceList, SIM_VERSION } from './discovery.js';
import type { FaultInjector } from './faults.js';
import { parseJson, readBody, sendError, sendJson } from './http-util.js';
import { listObjects, serveWatch } from './list.js';
import type { ResourceOperations, WriteOptions, WriteResult } from './operations.js';
import { applyPatch, parseApplyBody, patchKind } from './patch.js';
import { parseResourcePath, type ResourceRoute } from './routes.js';
import { fromScale, toScale } from './scale.js';
import { ApiError, badRequest, methodNotAllowed, pathNotFound } from './status.js';
import { toTable, wantsTable } from './table.js';

/** Reads container logs for the log subresource. */
export type LogReader = (pod: Pod, q: URLSearchParams) => string;

/** What the server needs from the rest of the simulator. */
export interface ApiServerDeps {
  store: ObjectStore;
  ops: ResourceOperations;
  tokens: TokenRegistry;
  faults: FaultInjector;
  readLogs: LogReader;
  serverAddress: () => string;
}

/** The running listener plus a way to end open watches. */
export interface ApiServer {
  server: Server;
  closeWatches: () => void;
}

function verbOf(method: string, route: ResourceRoute, q: URLSearchParams): string {
  switch (method) {
    case 'GET':
      if (route.watchPrefix || q.get('watch') === 'true' || q.get('watch') === '1') return 'watch';
      return route.name === undefined ? 'list' : 'get';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return route.name === undefined ? 'deletecollection' : 'delete';
    default:
      throw methodNotAllowed();
  }
}

function writeOptions(q: URLSearchParams, req: IncomingMessage, subresource: string | undefined): WriteOptions {
  const dryRun = q.getAll('dryRun');
  if (dryRun.some((d) => d !== 'All')) throw badRequest(`Invalid dryRun value: ${dryRun.join(',')}; valid values: All`);
  const fv = q.get('fieldValidation') ?? 'Strict';
  if (fv !== 'Strict' && fv !== 'Warn' && fv !== 'Ignore')
    throw badRequest(`fieldValidation must be Strict, Warn or Ignore, got "${fv}"`);
  const agent = (req.headers['user-agent'] ?? 'unknown').split('/')[0] ?? 'unknown';
  const opts: WriteOptions = {
    dryRun: dryRun.length > 0,
    fieldManager: q.get('fieldManager') ?? agent,
    fieldValidation: fv as FieldValidation,
    force: q.get('force') === 'true',
  };
  if (subresource !== undefined) opts.subresource = subresource;
  return opts;
}

function sendWrite(res: ServerResponse, r: WriteResult, code: number, body: unknown = r.object): void {
  const headers: Record<string, string> = {};
  if (r.warnings.length > 0) headers.Warning = r.warnings.map((w) => `299 - "${w.replace(/"/g, "'")}"`).join(', ');
  sendJson(res, code, body, headers);
}

async function handleResource(
  deps: ApiServerDeps,
  route: ResourceRoute,
  verb: string,
  q: URLSearchParams,
  req: IncomingMessage,
  res: ServerResponse,
  watches: Set<() => void>,
): Promise<void> {
  const { store, ops } = deps;
  const r = route.resource;
  const ns = route.namespace;
  const name = route.name ?? '';
  const sub = route.subresource;
  if (verb === 'list') {
    const list = listObjects(store, r, ns, q);
    sendJson(res, 200, wantsTable(req.headers.accept) ? toTable(r, list) : list);
    return;
  }
  if (verb === 'watch') {
    serveWatch(store, r, ns, q, req, res, (end) => {
      watches.add(end);
      return () => watches.delete(end);
    });
    return;
  }
  if (verb === 'get') {
    const o = ops.get(r, ns, name);
    if (sub === 'log') {
      const text = deps.readLogs(o as Pod, q);
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(text);
      return;
    }
    if (sub === 'scale') {
      sendJson(res, 200, toScale(o));
      return;
    }
    sendJson(res, 200, wantsTable(req.headers.accept) ? toTable(r, { items: [o], metadata: {} }) : o);
    return;
  }
  if (sub === 'log') throw methodNotAllowed();
  if (verb === 'deletecollection') throw methodNotAllowed();
  if (verb === 'delete') {
    const dryRun = q.getAll('dryRun').length > 0;
    const removed = ops.delete(r, ns, name, dryRun);
    if (r.plural === 'pods') sendJson(res, 200, removed);
    else
      sendJson(res, 200, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Success',
        details: { name, group: r.group, kind: r.plural, uid: removed.metadata.uid },
      });
    return;
  }
  const opts = writeOptions(q, req, sub === 'scale' ? undefined : sub);
  const text = await readBody(req);
  if (verb === 'create') {
    if (route.name !== undefined) throw methodNotAllowed();
    sendWrite(res, ops.create(r, ns, parseJson(text), opts), 201);
    return;
  }
  if (verb === 'update') {
    if (sub === 'scale') {
      const w = ops.update(r, ns, name, fromScale(r, ops.get(r, ns, name), parseJson(text)), opts);
      sendWrite(res, w, 200, toScale(w.object));
      return;
    }
    sendWrite(res, ops.update(r, ns, name, parseJson(text), opts), 200);
    return;
  }
  const kind = patchKind(req.headers['content-type']);
  if (kind === 'apply') {
    if (sub !== undefined) throw badRequest('apply is only supported on the main resource in this simulator');
    if (q.get('fieldManager') === null) throw badRequest('PATCH with apply requires the fieldManager query parameter');
    const config = checkApplyConfig(r, name, parseApplyBody(text));
    const live = store.get(r.plural, r.namespaced ? ns : undefined, name);
    const plan = planApply(r, config, { live, manager: opts.fieldManager, force: opts.force });
    const applyOpts = { ...opts, ownership: plan.ownership };
    if (live === undefined) sendWrite(res, ops.create(r, ns, plan.merged, applyOpts), 201);
    else sendWrite(res, ops.update(r, ns, name, plan.merged, applyOpts), 200);
    return;
  }
  const live = ops.get(r, ns, name);
  if (sub === 'scale') {
    const scale = applyPatch(r, toScale(live), kind, text, 'io.k8s.api.autoscaling.v1.Scale');
    const w = ops.update(r, ns, name, fromScale(r, live, scale), opts);
    sendWrite(res, w, 200, toScale(w.object));
    return;
  }
  const patched = applyPatch(r, live, kind, text);
  patched.metadata ??= {};
  if (patched.metadata.resourceVersion === undefined && live.metadata.resourceVersion !== undefined) {
    patched.metadata.resourceVersion = live.metadata.resourceVersion;
  }
  sendWrite(res, ops.update(r, ns, name, patched, opts), 200);
}

function discovery(deps: ApiServerDeps, path: string): unknown {
  const p = path.replace(/\/+$/, '') || '/';
  if (p === '/version') return SIM_VERSION;
  if (p === '/api') return coreVersions(deps.serverAddress());
  if (p === '/apis') return groupList();
  if (p === '/api/v1') return resourceList('v1');
  if (p === '/apis/apps') return group('apps');
  if (p === '/apis/apps/v1') return resourceList('apps/v1');
  if (p === '/openapi/v3') {
    const paths: Record<string, unknown> = {};
    for (const gv of Object.keys(OPENAPI_FILES)) paths[gv] = { serverRelativeURL: `/openapi/v3/${gv}?hash=kube-sim` };
    return { paths };
  }
  return undefined;
}

/** Create the HTTPS server (not yet listening). */
export function createApiServer(deps: ApiServerDeps, tls: { certPem: string; keyPem: string }): ApiServer {
  const watches = new Set<() => void>();
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'https://kube-sim');
    const method = (req.method ?? 'GET').toUpperCase();
    const fault = deps.faults.take(method, `${url.pathname}${url.search}`);
    if (fault !== undefined) throw fault;
    if (url.pathname === '/healthz' || url.pathname === '/livez' || url.pathname === '/readyz') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
      return;
    }
    const id = deps.tokens.authenticate(req.headers.authorization);
    const gv = /^\/openapi\/v3\/(api\/v1|apis\/apps\/v1)$/.exec(url.pathname)?.[1];
    if (gv !== undefined && method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(openapiText(gv as keyof typeof OPENAPI_FILES));
      return;
    }
    const doc = method === 'GET' ? discovery(deps, url.pathname) : undefined;
    if (doc !== undefined) {
      sendJson(res, 200, doc);
      return;
    }
    const route = parseResourcePath(url.pathname);
    if (route === undefined) throw pathNotFound(url.pathname);
    const verb = verbOf(method, route, url.searchParams);
    authorize(id, verb, route.resource, route.subresource, route.namespace, route.name);
    await handleResource(deps, route, verb, url.searchParams, req, res, watches);
  };
  const server = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!(err instanceof ApiError))
        process.stderr.write(`kube-sim: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      sendError(res, err);
    });
  });
  return {
    server,
    closeWatches: () => {
      for (const end of [...watches]) end();
    },
  };
}
