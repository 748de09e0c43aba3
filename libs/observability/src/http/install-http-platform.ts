import { Logger, type INestApplication } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiAuthenticator, type ApiAuthSettings } from '../auth/api-authenticator';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { earlyAuthMiddleware } from '../auth/early-auth.middleware';
import { RequestContextMiddleware } from '../request-context.middleware';
import { HttpErrorFilter } from './http-error.filter';
import { setupOpenApi } from './openapi';

/** A path prefix authenticated before its bodies are read: the path alone, or with the rate-limit bucket of its routes. */
export type EarlyAuthPrefix = string | { path: string; rateLimit: string };

/** What every service's HTTP side shares: who may call it, how errors look, and its OpenAPI. */
export interface HttpPlatformOptions {
  service: string;
  /** The settings, or an authenticator built from them already (the bootstrap checks keys before anything else). */
  auth: ApiAuthSettings | ApiAuthenticator;
  /**
   * Path prefixes authenticated before any body is read (routes behind a raw-body reader mounted by configureApp);
   * with `rateLimit`, every request under the prefix also counts against that @RateLimitPerKey bucket there.
   */
  authenticateBeforeBody?: EarlyAuthPrefix[];
  docs?: { title?: string; description?: string };
}

/**
 * Installs the API-key guard (global), the one error body (global filter) and OpenAPI at /docs on `app`, before its
 * service-specific set-up. Throws ApiKeyConfigError when the keys are missing or malformed.
 */
export function installHttpPlatform(app: INestApplication, options: HttpPlatformOptions): ApiAuthenticator {
  const authenticator = options.auth instanceof ApiAuthenticator ? options.auth : new ApiAuthenticator(options.auth);
  if (authenticator.disabled) new Logger('HttpPlatform').warn(`${options.service}: AUTH_DISABLED=true, every route is open (local development only)`);
  // Request ids first of all, so that answers given before Nest's own middleware (early 401, 413) carry one too.
  const requestContext = new RequestContextMiddleware();
  app.use(requestContext.use.bind(requestContext));
  for (const prefix of options.authenticateBeforeBody ?? []) {
    if (typeof prefix === 'string') app.use(prefix, earlyAuthMiddleware(authenticator));
    else app.use(prefix.path, earlyAuthMiddleware(authenticator, prefix.rateLimit));
  }
  app.useGlobalGuards(new ApiKeyGuard(app.get(Reflector), authenticator));
  app.useGlobalFilters(new HttpErrorFilter());
  setupOpenApi(app, { title: options.docs?.title ?? `Propcast ${options.service}`, description: options.docs?.description });
  return authenticator;
}
