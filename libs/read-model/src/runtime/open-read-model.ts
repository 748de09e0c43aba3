import type { Pool } from 'pg';
import { createArtifactStore } from '@propcast/artifact-store';
import { CommonEnv, loadConfig } from '@propcast/config';
import { createPgPool } from '@propcast/db';
import type { RecommendOptions } from '@propcast/prediction';
import { BettingGatesEnv, recommendOptions } from '../pricing/betting-gates';
import { ModelMetadataDistributions, type DistributionSource } from '../pricing/distribution-source';
import { createReadModelRepositories, type ReadModelRepositories } from '../composition/read-model-repositories';

/** What a standalone process (the CLI) reads to use the read model. */
export const StandaloneReadModelEnv = {
  DATABASE_URL: CommonEnv.DATABASE_URL,
  ARTIFACT_STORE_URI: CommonEnv.ARTIFACT_STORE_URI,
  ...BettingGatesEnv,
};

/** Open connections of a standalone read-model process. */
export interface OpenReadModel {
  pool: Pool;
  repositories: ReadModelRepositories;
  distributions: DistributionSource;
  options: RecommendOptions;
  close(): Promise<void>;
}

/** Opens Postgres and the artifact store (model metadata) from the environment. */
export function openReadModel(env: NodeJS.ProcessEnv = process.env): OpenReadModel {
  const config = loadConfig(StandaloneReadModelEnv, env);
  const pool = createPgPool(config.DATABASE_URL, 4);
  const repositories = createReadModelRepositories(pool);
  return {
    pool,
    repositories,
    distributions: new ModelMetadataDistributions(repositories.models, createArtifactStore(config.ARTIFACT_STORE_URI)),
    options: recommendOptions(config),
    close: () => pool.end(),
  };
}
