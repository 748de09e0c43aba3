import { z } from 'zod';
import { CommonEnv, envVar, loadConfig, port, type ConfigOf } from '@propcast/config';
import { FeaturePipelineEnv } from '@propcast/feature-pipeline';

/** Every environment variable the feature-store service reads, validated at start-up. */
export const FeatureStoreEnv = {
  PORT: port(3002),
  LOG_LEVEL: CommonEnv.LOG_LEVEL,
  DATABASE_URL: CommonEnv.DATABASE_URL,
  REDIS_URL: CommonEnv.REDIS_URL,
  STARTUP_TIMEOUT_MS: CommonEnv.STARTUP_TIMEOUT_MS,
  EVENT_TRANSPORT: CommonEnv.EVENT_TRANSPORT,
  PUBSUB_PROJECT_ID: CommonEnv.PUBSUB_PROJECT_ID,
  EVENT_TOPIC_PREFIX: envVar(z.string(), 'prefix of every topic / stream name (isolates environments sharing a broker)', { default: '' }),
  ...FeaturePipelineEnv,
};

export type FeatureStoreConfig = ConfigOf<typeof FeatureStoreEnv>;

/** Loads the feature-store configuration from the environment (throws a one-line ConfigError). */
export function loadFeatureStoreConfig(env: NodeJS.ProcessEnv = process.env): FeatureStoreConfig {
  return loadConfig(FeatureStoreEnv, env);
}
