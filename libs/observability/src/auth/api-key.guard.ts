import { Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { ApiAuthenticator } from './api-authenticator';
import { PUBLIC_ROUTE, RATE_LIMIT_BUCKET } from './route-access.decorators';

/**
 * The global guard every service gets from its bootstrap: routes need an API key unless marked @Public();
 * read keys reach GET/HEAD only; @RateLimitPerKey routes are limited per key. Writes are logged with their actor.
 */
export class ApiKeyGuard implements CanActivate {
  private readonly logger = new Logger('ApiKeyGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: ApiAuthenticator,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const principal = this.authenticator.authenticate(req, res);
    this.authenticator.authorize(req, principal);
    const bucket = this.reflector.getAllAndOverride<string | undefined>(RATE_LIMIT_BUCKET, targets);
    if (bucket) this.authenticator.limit(bucket, principal, req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') this.logger.log(`${req.method} ${req.path} by ${principal.name}`);
    return true;
  }
}
