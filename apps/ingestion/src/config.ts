import { CommonEnv, loadConfig, port, type ConfigOf } from '@propcast/config';

/** Every environment variable the ingestion service reads, validated at start-up. */
export const IngestionEnv = {
  PORT: port(3001),
  LOG_LEVEL: CommonEnv.LOG_LEVEL,
  DATABASE_URL: CommonEnv.DATABASE_URL,
  REDIS_URL: CommonEnv.REDIS_URL,
  STARTUP_TIMEOUT_MS: CommonEnv.STARTUP_TIMEOUT_MS,
};

export type IngestionConfig = ConfigOf<typeof IngestionEnv>;

/** Loads the ingestion configuration from the environment (throws a one-line ConfigError). */
export function loadIngestionConfig(env: NodeJS.ProcessEnv = process.env): IngestionConfig {
  return loadConfig(IngestionEnv, env);
}

