// Parse a request path into a resource route: group, namespace, resource, name and subresource.

import { findResource, type ResourceInfo } from '../model/resources.js';
import { pathNotFound } from './status.js';

/** A parsed resource URL. */
export interface ResourceRoute {
  resource: ResourceInfo;
  namespace: string | undefined;
  name: string | undefined;
  subresource: string | undefined;
  /** The legacy `/watch/` path prefix was used. */
  watchPrefix: boolean;
}

/** Parse `/api/v1/...` or `/apis/apps/v1/...`; undefined when the path is not a resource path. */
export function parseResourcePath(path: string): ResourceRoute | undefined {
  const segs = path
    .split('/')
    .filter((s) => s !== '')
    .map(decodeURIComponent);
  let group: string;
  let rest: string[];
  if (segs[0] === 'api' && segs[1] === 'v1') {
    group = '';
    rest = segs.slice(2);
  } else if (segs[0] === 'apis' && segs.length >= 3) {
    group = segs[1] ?? '';
    if (segs[2] !== 'v1') throw pathNotFound(path);
    rest = segs.slice(3);
  } else return undefined;
  if (rest.length === 0) return undefined;
  let watchPrefix = false;
  if (rest[0] === 'watch') {
    watchPrefix = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && findResource(group, rest[2] ?? '') !== undefined) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural = '', name, subresource, ...extra] = rest;
  const resource = findResource(group, plural);
  if (resource === undefined || extra.length > 0) throw pathNotFound(path);
  if (subresource !== undefined && !resource.subresources.includes(subresource)) throw pathNotFound(path);
  if (resource.namespaced && namespace === undefined && name !== undefined) throw pathNotFound(path);
  if (!resource.namespaced && namespace !== undefined) throw pathNotFound(path);
  return { resource, namespace, name, subresource, watchPrefix };
}
