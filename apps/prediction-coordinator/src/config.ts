import { CommonEnv, loadConfig, port, type ConfigOf } from '@propcast/config';

/** Every environment variable the prediction-coordinator service reads, validated at start-up. */
export const PredictionCoordinatorEnv = {
  PORT: port(3004),
  LOG_LEVEL: CommonEnv.LOG_LEVEL,
  DATABASE_URL: CommonEnv.DATABASE_URL,
  REDIS_URL: CommonEnv.REDIS_URL,
  STARTUP_TIMEOUT_MS: CommonEnv.STARTUP_TIMEOUT_MS,
};

export type PredictionCoordinatorConfig = ConfigOf<typeof PredictionCoordinatorEnv>;

/** Loads the prediction-coordinator configuration from the environment (throws a one-line ConfigError). */
export function loadPredictionCoordinatorConfig(env: NodeJS.ProcessEnv = process.env): PredictionCoordinatorConfig {
  return loadConfig(PredictionCoordinatorEnv, env);
}

