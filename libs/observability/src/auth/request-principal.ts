import type { Request } from 'express';
import type { ApiPrincipal } from './api-keys';

const principals = new WeakMap<Request, ApiPrincipal>();

/** The caller a request was authenticated as, once the guard (or the early middleware) accepted its key. */
export function principalOf(req: Request): ApiPrincipal | undefined {
  return principals.get(req);
}

/** Records the authenticated caller of a request. */
export function setPrincipal(req: Request, principal: ApiPrincipal): void {
  principals.set(req, principal);
}
