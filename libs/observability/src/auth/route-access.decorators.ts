import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Request } from 'express';
import { principalOf } from './request-principal';

export const PUBLIC_ROUTE = 'propcast:public-route';
export const RATE_LIMIT_BUCKET = 'propcast:rate-limit-bucket';
/** OpenAPI extension marking an operation that needs no key (the document builder turns it into `security: []`). */
export const PUBLIC_OPERATION_EXTENSION = 'x-propcast-public';

/** A route (or controller) that needs no API key: health, metrics, and Pub/Sub push (which carries its own OIDC token). */
export const Public = (): ClassDecorator & MethodDecorator => applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension(PUBLIC_OPERATION_EXTENSION, true));

/** Limits a route per API key to the bucket's requests per minute (the bootstrap's `rateLimitsPerMinute[bucket]`); 429 beyond. */
export const RateLimitPerKey = (bucket: string): ClassDecorator & MethodDecorator => SetMetadata(RATE_LIMIT_BUCKET, bucket);

/** The name of the API key that authenticated the request: the audit actor (never free text from the request). */
export const ApiActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => {
  const principal = principalOf(ctx.switchToHttp().getRequest<Request>());
  if (!principal) throw new Error('ApiActor on a route without an authenticated caller (a @Public route?)');
  return principal.name;
});
