// metav1.Status error bodies and the error class handlers throw to produce them.

import { qualifiedName, type ResourceInfo } from '../model/resources.js';

/** A `metav1.StatusCause`. */
export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

/** The `details` of a Status. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** An API failure that the server turns into a `metav1.Status` response. */
export class ApiError extends Error {
  /** HTTP status code. */
  readonly code: number;
  /** metav1.StatusReason, e.g. `NotFound`. */
  readonly reason: string;
  readonly details: StatusDetails | undefined;
  /** Extra response headers (Retry-After). */
  readonly headers: Record<string, string>;

  constructor(
    code: number,
    reason: string,
    message: string,
    details?: StatusDetails,
    headers?: Record<string, string>,
  ) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details;
    this.headers = headers ?? {};
  }

  /** The JSON body for this error. */
  toStatus(): Record<string, unknown> {
    const body: Record<string, unknown> = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details !== undefined) body.details = this.details;
    return body;
  }
}

function detailsFor(r: ResourceInfo, name: string | undefined): StatusDetails {
  const d: StatusDetails = { kind: r.plural };
  if (r.group !== '') d.group = r.group;
  if (name !== undefined) d.name = name;
  return d;
}

/** 404 NotFound for a named object. */
export function notFound(r: ResourceInfo, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualifiedName(r)} "${name}" not found`, detailsFor(r, name));
}

/** 409 AlreadyExists. */
export function alreadyExists(r: ResourceInfo, name: string): ApiError {
  return new ApiError(409, 'AlreadyExists', `${qualifiedName(r)} "${name}" already exists`, detailsFor(r, name));
}

/** 409 Conflict for a stale resourceVersion. */
export function conflict(r: ResourceInfo, name: string): ApiError {
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedName(r)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    detailsFor(r, name),
  );
}

/** 422 Invalid with field causes. */
export function invalid(r: ResourceInfo, name: string, causes: StatusCause[]): ApiError {
  const list = causes.map((c) => (c.field === undefined ? c.message : `${c.field}: ${c.message}`)).join(', ');
  const message = `${r.kind}${r.group === '' ? '' : `.${r.group}`} "${name}" is invalid: ${causes.length > 1 ? `[${list}]` : list}`;
  return new ApiError(422, 'Invalid', message, { ...detailsFor(r, name), kind: r.kind, causes });
}

/** 400 BadRequest. */
export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

/** 405 MethodNotAllowed. */
export function methodNotAllowed(): ApiError {
  return new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

/** 404 for a URL the server does not serve. */
export function pathNotFound(path: string): ApiError {
  return new ApiError(404, 'NotFound', `the server could not find the requested resource (${path})`, {});
}
