// Bearer-token identities and the simple RBAC the simulator enforces (admin, or read-only get/list/watch).

import { qualifiedName, type ResourceInfo } from '../model/resources.js';
import { ApiError } from './status.js';

/** Who a token belongs to. */
export interface Identity {
  readonly user: string;
  readonly readOnly: boolean;
}

/** Maps tokens to identities. */
export class TokenRegistry {
  private readonly tokens = new Map<string, Identity>();

  /** Register a token. */
  add(token: string, identity: Identity): void {
    this.tokens.set(token, identity);
  }

  /** Identify a request from its Authorization header; 401 when missing or unknown. */
  authenticate(header: string | undefined): Identity {
    const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    const id = m?.[1] === undefined ? undefined : this.tokens.get(m[1]);
    if (id === undefined) throw new ApiError(401, 'Unauthorized', 'Unauthorized');
    return id;
  }
}

const READ_VERBS = new Set(['get', 'list', 'watch']);

/** Throw 403 Forbidden when the identity may not perform the verb on the resource. */
export function authorize(
  id: Identity,
  verb: string,
  r: ResourceInfo,
  subresource: string | undefined,
  namespace: string | undefined,
  name: string | undefined,
): void {
  if (!id.readOnly || READ_VERBS.has(verb)) return;
  const resource = subresource === undefined ? r.plural : `${r.plural}/${subresource}`;
  const what = name === undefined ? qualifiedName(r) : `${qualifiedName(r)} "${name}"`;
  const scope = namespace === undefined ? 'at the cluster scope' : `in the namespace "${namespace}"`;
  const details: { name?: string; group?: string; kind: string } = { kind: r.plural };
  if (name !== undefined) details.name = name;
  if (r.group !== '') details.group = r.group;
  throw new ApiError(
    403,
    'Forbidden',
    `${what} is forbidden: User "${id.user}" cannot ${verb} resource "${resource}" in API group "${r.group}" ${scope}`,
    details,
  );
}
