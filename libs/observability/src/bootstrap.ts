import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplication, Type } from '@nestjs/common';
import { createLogger, JsonNestLogger, requestContext } from './logger';
import { initMetrics } from './metrics';
import { runHealthChecks, type HealthCheck } from './health-checks';
import { ApiAuthenticator, type ApiAuthSettings } from './auth/api-authenticator';
import { ApiKeyConfigError } from './auth/api-keys';
import { installHttpPlatform, type EarlyAuthPrefix } from './http/install-http-platform';

/** Keep-alive idle timeout of every service's HTTP server: longer than clients' own (undici 4 s, proxies 60 s), so the client closes first. */
export const HTTP_KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** The auth variables every service config has (ServiceEnv of @propcast/config). */
export type AuthConfig = Omit<ApiAuthSettings, 'rateLimitsPerMinute' | 'now'>;

export interface BootstrapOptions<C extends AuthConfig> {
  service: string;
  /** Loads and validates config; throws an Error with a one-line message when invalid. */
  loadConfig: () => C;
  /** Builds the root module from the validated config. */
  rootModule: (config: C) => Type<unknown> | import('@nestjs/common').DynamicModule;
  port: (config: C) => number;
  /** Dependencies that must answer before the service starts (Postgres, Redis...). */
  startupChecks: (config: C) => HealthCheck[];
  startupTimeoutMs?: (config: C) => number;
  /** Service-specific HTTP set-up, run after the shared one (API-key guard, error filter, OpenAPI) and before listen. */
  configureApp?: (app: INestApplication, config: C) => void | Promise<void>;
  /** Requests per minute per API key of each @RateLimitPerKey bucket the service's routes use. */
  rateLimitsPerMinute?: (config: C) => Record<string, number>;
  /** Path prefixes whose requests are authenticated (and, with rateLimit, rate-limited) before configureApp's body readers run. */
  authenticateBeforeBody?: EarlyAuthPrefix[];
  /** OpenAPI title and description at /docs (the responsible-gambling notice and the key schemes are always added). */
  docs?: { title?: string; description?: string };
}

/** Only the auth variables of a config (never the rest of it) go to the authenticator. */
function authSettingsOf(config: AuthConfig): AuthConfig {
  return { API_KEYS: config.API_KEYS, READ_API_KEYS: config.READ_API_KEYS, AUTH_DISABLED: config.AUTH_DISABLED, AUTH_FAILURES_PER_MINUTE: config.AUTH_FAILURES_PER_MINUTE };
}

/** Exits with one clear line on stderr (no stack-trace flood), as operators expect at start-up. */
function fail(service: string, message: string): never {
  process.stderr.write(`${service}: ${message}\n`);
  process.exit(1);
}

/** Waits until every start-up check passes or the deadline expires, then returns the failures. */
async function waitForDependencies(checks: HealthCheck[], timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await runHealthChecks(checks, Math.min(2000, Math.max(100, deadline - Date.now())));
    if (result.ok) return [];
    if (Date.now() + 500 >= deadline) {
      return (
        Object.entries(result.checks)
          .filter(([, r]) => !r.ok)
          // A refusal (wrong password, missing database) reached the server: saying "cannot reach" would send the operator to the network.
          .map(([name, r]) => (r.refused ? `${name} at ${r.target} refused the connection: ${r.error}` : `cannot reach ${name} at ${r.target}: ${r.error}`))
      );
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Starts a Propcast service: validated config, dependency gate, JSON logs, metrics, graceful shutdown.
 * Any start-up problem ends the process non-zero with one line naming what and where.
 */
export async function bootstrapService<C extends AuthConfig>(opts: BootstrapOptions<C>): Promise<INestApplication> {
  let config: C;
  let authenticator: ApiAuthenticator;
  try {
    config = opts.loadConfig();
    authenticator = new ApiAuthenticator({ ...authSettingsOf(config), rateLimitsPerMinute: opts.rateLimitsPerMinute?.(config) });
  } catch (err) {
    fail(opts.service, err instanceof ApiKeyConfigError ? `invalid configuration: ${err.message}` : (err as Error).message);
  }
  const logger = createLogger(opts.service);
  initMetrics(opts.service);
  const timeoutMs = opts.startupTimeoutMs?.(config) ?? 10_000;
  const failures = await waitForDependencies(opts.startupChecks(config), Math.min(timeoutMs, 9_000));
  if (failures.length) fail(opts.service, failures.join('; '));
  try {
    const app = await NestFactory.create(opts.rootModule(config), { logger: new JsonNestLogger(logger), bufferLogs: false });
    app.enableShutdownHooks();
    installHttpPlatform(app, { service: opts.service, auth: authenticator, authenticateBeforeBody: opts.authenticateBeforeBody, docs: opts.docs });
    await opts.configureApp?.(app, config);
    const port = opts.port(config);
    await app.listen(port);
    // Idle keep-alive sockets outlive any client's and load balancer's idle timeout: with Node's default (5 s) a client
    // reusing a socket the server is closing at that moment gets "other side closed" (seen in the demo and the e2e).
    const server = app.getHttpServer() as { keepAliveTimeout: number; headersTimeout: number };
    server.keepAliveTimeout = HTTP_KEEP_ALIVE_TIMEOUT_MS;
    server.headersTimeout = HTTP_KEEP_ALIVE_TIMEOUT_MS + 1000;
    requestContext.run({ requestId: 'startup' }, () => logger.info({ port }, `${opts.service} listening`));
    return app;
  } catch (err) {
    fail(opts.service, `failed to start: ${(err as Error).message}`);
  }
}
