import type { Provider } from '@nestjs/common';
import type { Pool } from 'pg';
import { ARTIFACT_STORE, type ArtifactStore } from '@propcast/artifact-store';
import { PG_POOL } from '@propcast/db';
import type { RecommendOptions } from '@propcast/prediction';
import {
  CachedPicks,
  createReadModelRepositories,
  GetBoardUseCase,
  GetGradesUseCase,
  GetPlayerUseCase,
  ListBetsUseCase,
  ListGamesUseCase,
  ListPicksUseCase,
  ListPredictionsUseCase,
  ModelMetadataDistributions,
  PriceLineUseCase,
  recommendOptions,
  RecordBetUseCase,
  type DistributionSource,
  type ReadModelRepositories,
} from '@propcast/read-model';
import { DISTRIBUTIONS, READ_MODEL_REPOSITORIES, RECOMMEND_OPTIONS } from './api.tokens';
import type { ApiConfig } from './config';
import { RegisteredModelsRepository } from '@propcast/model-registry';

/** The read model's use cases, each built from the read side's repositories (and the distributions and gates where it prices). */
export function readModelProviders(config: ApiConfig): Provider[] {
  const withRepositories = <T>(type: new (r: ReadModelRepositories) => T): Provider => ({ provide: type, inject: [READ_MODEL_REPOSITORIES], useFactory: (r: ReadModelRepositories) => new type(r) });
  const pricing = <T>(type: new (r: ReadModelRepositories, d: DistributionSource, o: RecommendOptions) => T): Provider => ({
    provide: type,
    inject: [READ_MODEL_REPOSITORIES, DISTRIBUTIONS, RECOMMEND_OPTIONS],
    useFactory: (r: ReadModelRepositories, d: DistributionSource, o: RecommendOptions) => new type(r, d, o),
  });
  return [
    { provide: READ_MODEL_REPOSITORIES, inject: [PG_POOL], useFactory: (pool: Pool) => createReadModelRepositories(pool) },
    { provide: RECOMMEND_OPTIONS, useValue: recommendOptions(config) },
    {
      provide: DISTRIBUTIONS,
      inject: [PG_POOL, ARTIFACT_STORE],
      useFactory: (pool: Pool, artifacts: ArtifactStore) => new ModelMetadataDistributions(new RegisteredModelsRepository(pool), artifacts),
    },
    withRepositories(ListPredictionsUseCase),
    withRepositories(ListGamesUseCase),
    withRepositories(GetPlayerUseCase),
    withRepositories(GetGradesUseCase),
    withRepositories(ListBetsUseCase),
    withRepositories(GetBoardUseCase),
    pricing(ListPicksUseCase),
    pricing(PriceLineUseCase),
    { provide: CachedPicks, inject: [READ_MODEL_REPOSITORIES, ListPicksUseCase], useFactory: (r: ReadModelRepositories, picks: ListPicksUseCase) => new CachedPicks(r, picks) },
    { provide: RecordBetUseCase, inject: [READ_MODEL_REPOSITORIES, DISTRIBUTIONS], useFactory: (r: ReadModelRepositories, d: DistributionSource) => new RecordBetUseCase(r, d) },
  ];
}
