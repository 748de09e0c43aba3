import { ForbiddenException, HttpException, HttpStatus, UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiKeyConfigError, ApiKeyRing, type ApiPrincipal } from './api-keys';
import { principalOf, setPrincipal } from './request-principal';
import { TokenBuckets } from './token-bucket';

/** Auth settings as every service's config carries them (libs/config AuthEnv), plus per-route rate limits. */
export interface ApiAuthSettings {
  API_KEYS: string;
  READ_API_KEYS: string;
  AUTH_DISABLED: boolean;
  AUTH_FAILURES_PER_MINUTE: number;
  /** Requests per minute per API key of each @RateLimitPerKey bucket. */
  rateLimitsPerMinute?: Record<string, number>;
  now?: () => number;
}

/** The caller when AUTH_DISABLED=true (local development). */
export const ANONYMOUS: ApiPrincipal = Object.freeze({ name: 'anonymous', access: 'full' as const });

const READ_METHODS = new Set(['GET', 'HEAD']);

/** A 429 with Retry-After set on the response. */
function tooManyRequests(res: Response, retryAfterSeconds: number, message: string): HttpException {
  res.setHeader('Retry-After', String(Math.max(1, retryAfterSeconds)));
  return new HttpException({ error: 'TOO_MANY_REQUESTS', message }, HttpStatus.TOO_MANY_REQUESTS);
}

/** The request's full path (req.path is relative to the mount point inside a mounted middleware), without the query. */
function pathOf(req: Request): string {
  return (req.originalUrl ?? req.url).split('?')[0];
}

/** The key a request presents: `Authorization: Bearer <key>`, else `X-API-Key: <key>`. */
export function presentedKey(req: Request): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (bearer) return bearer[1];
  const header = req.headers['x-api-key'];
  return typeof header === 'string' && header.trim() !== '' ? header.trim() : undefined;
}

/**
 * Decides who a request is (401 for a missing or unknown key, 429 once a client IP spent its failure budget), what
 * it may do (403 for a read key on a write method) and how often (429 past a route's per-key rate).
 */
export class ApiAuthenticator {
  private readonly ring: ApiKeyRing | undefined;
  private readonly failures: TokenBuckets;
  private readonly limits = new Map<string, { perMinute: number; buckets: TokenBuckets }>();
  /** Requests already counted against a rate limit. */
  private readonly counted = new WeakSet<Request>();

  /** Throws ApiKeyConfigError when no key is configured without AUTH_DISABLED=true, or a key entry is malformed. */
  constructor(settings: ApiAuthSettings) {
    const ring = ApiKeyRing.fromEnv(settings.API_KEYS, settings.READ_API_KEYS);
    if (settings.AUTH_DISABLED && ring.size > 0) throw new ApiKeyConfigError('AUTH_DISABLED=true while API_KEYS/READ_API_KEYS are set: remove one of them');
    if (!settings.AUTH_DISABLED && ring.size === 0) {
      throw new ApiKeyConfigError('no API keys: set API_KEYS (name:secret,...) and/or READ_API_KEYS, or AUTH_DISABLED=true for local development only');
    }
    this.ring = settings.AUTH_DISABLED ? undefined : ring;
    this.failures = new TokenBuckets(settings.AUTH_FAILURES_PER_MINUTE, settings.now);
    for (const [bucket, perMinute] of Object.entries(settings.rateLimitsPerMinute ?? {})) {
      this.limits.set(bucket, { perMinute, buckets: new TokenBuckets(perMinute, settings.now) });
    }
  }

  /** True when AUTH_DISABLED=true: every request is ANONYMOUS with full access. */
  get disabled(): boolean {
    return this.ring === undefined;
  }

  /** The request's caller; throws 401 (missing or wrong key) or 429 (too many failures from this client IP). */
  authenticate(req: Request, res: Response): ApiPrincipal {
    const known = principalOf(req);
    if (known) return known;
    if (!this.ring) {
      setPrincipal(req, ANONYMOUS);
      return ANONYMOUS;
    }
    const client = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    if (this.failures.available(client) < 1) {
      const wait = this.failures.retryAfterSeconds(client);
      throw tooManyRequests(res, wait, `too many missing or wrong API keys from ${client}: retry in ${wait} s`);
    }
    const key = presentedKey(req);
    const principal = key === undefined ? undefined : this.ring.match(key);
    if (!principal) {
      this.failures.take(client);
      throw new UnauthorizedException({
        error: 'UNAUTHORIZED',
        message: key === undefined ? 'an API key is required: send Authorization: Bearer <key> or X-API-Key: <key>' : 'the API key is not valid',
      });
    }
    setPrincipal(req, principal);
    return principal;
  }

  /** Throws 403 when a read key calls anything but GET or HEAD. */
  authorize(req: Request, principal: ApiPrincipal): void {
    if (principal.access === 'read' && !READ_METHODS.has(req.method)) {
      throw new ForbiddenException({
        error: 'FORBIDDEN',
        message: `API key ${principal.name} is read-only (READ_API_KEYS): ${req.method} ${pathOf(req)} needs a key of API_KEYS`,
      });
    }
  }

  /** Takes one request of `bucket` for the caller (once per request: the early middleware and the guard may both ask); 429 past its rate. */
  limit(bucket: string, principal: ApiPrincipal, req: Request, res: Response): void {
    const limit = this.limits.get(bucket);
    if (!limit) throw new Error(`no rate limit configured for bucket "${bucket}" (bootstrap rateLimitsPerMinute)`);
    if (this.counted.has(req)) return;
    if (limit.buckets.take(principal.name)) {
      this.counted.add(req);
      return;
    }
    const wait = limit.buckets.retryAfterSeconds(principal.name);
    throw tooManyRequests(res, wait, `API key ${principal.name} sent more than ${limit.perMinute} ${bucket} requests in a minute: retry in ${wait} s`);
  }
}
