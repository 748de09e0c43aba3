import { CommonEnv, loadConfig, port, type ConfigOf } from '@propcast/config';

/** Every environment variable the trainer service reads, validated at start-up. */
export const TrainerEnv = {
  PORT: port(3003),
  LOG_LEVEL: CommonEnv.LOG_LEVEL,
  DATABASE_URL: CommonEnv.DATABASE_URL,
  REDIS_URL: CommonEnv.REDIS_URL,
  STARTUP_TIMEOUT_MS: CommonEnv.STARTUP_TIMEOUT_MS,
};

export type TrainerConfig = ConfigOf<typeof TrainerEnv>;

/** Loads the trainer configuration from the environment (throws a one-line ConfigError). */
export function loadTrainerConfig(env: NodeJS.ProcessEnv = process.env): TrainerConfig {
  return loadConfig(TrainerEnv, env);
}

