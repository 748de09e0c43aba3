import { type ConfigOf, loadConfig, port, ServiceEnv } from '@propcast/config';
import { FeaturePipelineEnv } from '@propcast/feature-pipeline';

/** Every environment variable the feature-store service reads, validated at start-up. */
export const FeatureStoreEnv = {
  PORT: port(3002),
  ...ServiceEnv,
  ...FeaturePipelineEnv,
};

export type FeatureStoreConfig = ConfigOf<typeof FeatureStoreEnv>;

/** Loads the feature-store configuration from the environment (throws a one-line ConfigError). */
export function loadFeatureStoreConfig(env: NodeJS.ProcessEnv = process.env): FeatureStoreConfig {
  return loadConfig(FeatureStoreEnv, env);
}
