import { CommonEnv, loadConfig, port, type ConfigOf } from '@propcast/config';

/** Every environment variable the prediction-worker service reads, validated at start-up. */
export const PredictionWorkerEnv = {
  PORT: port(3005),
  LOG_LEVEL: CommonEnv.LOG_LEVEL,
  DATABASE_URL: CommonEnv.DATABASE_URL,
  REDIS_URL: CommonEnv.REDIS_URL,
  STARTUP_TIMEOUT_MS: CommonEnv.STARTUP_TIMEOUT_MS,
};

export type PredictionWorkerConfig = ConfigOf<typeof PredictionWorkerEnv>;

/** Loads the prediction-worker configuration from the environment (throws a one-line ConfigError). */
export function loadPredictionWorkerConfig(env: NodeJS.ProcessEnv = process.env): PredictionWorkerConfig {
  return loadConfig(PredictionWorkerEnv, env);
}

