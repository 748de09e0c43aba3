import { AuthEnv, CommonEnv, type ConfigOf, loadConfig, port } from '@propcast/config';
import { BettingGatesEnv } from '@propcast/read-model';

/**
 * Every environment variable the read API reads, validated at start-up. It reads Postgres and the model
 * metadata in the artifact store, and nothing else: no Redis, no event bus (it publishes and consumes nothing).
 */
export const ApiEnv = {
  PORT: port(3006),
  LOG_LEVEL: CommonEnv.LOG_LEVEL,
  DATABASE_URL: CommonEnv.DATABASE_URL,
  STARTUP_TIMEOUT_MS: CommonEnv.STARTUP_TIMEOUT_MS,
  ARTIFACT_STORE_URI: CommonEnv.ARTIFACT_STORE_URI,
  // Every route but the board page, /health and /metrics needs a key: a read key for GETs, a full key to log a bet.
  ...AuthEnv,
  // The worker's gates under the worker's names: picks and what-if prices are called as the worker calls them.
  ...BettingGatesEnv,
};

/** The validated configuration of the read API. */
export type ApiConfig = ConfigOf<typeof ApiEnv>;

/** Loads the read API's configuration from the environment (throws a one-line ConfigError). */
export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  return loadConfig(ApiEnv, env);
}
