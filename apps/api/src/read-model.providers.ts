import type { Provider } from '@nestjs/common';
import type { Pool } from 'pg';
import { ARTIFACT_STORE, type ArtifactStore } from '@propcast/artifact-store';
import { PG_POOL } from '@propcast/db';
import type { RecommendOptions } from '@propcast/prediction';
import {
  CachedPicks,
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
} from '@propcast/read-model';
import { DISTRIBUTIONS, RECOMMEND_OPTIONS } from './api.tokens';
import type { ApiConfig } from './config';
import { RegisteredModelsRepository } from '@propcast/model-registry';

/** The read model's use cases, each built from the pool (and the distributions and gates where it prices). */
export function readModelProviders(config: ApiConfig): Provider[] {
  const withPool = <T>(type: new (pool: Pool) => T): Provider => ({ provide: type, inject: [PG_POOL], useFactory: (pool: Pool) => new type(pool) });
  const pricing = <T>(type: new (pool: Pool, d: DistributionSource, o: RecommendOptions) => T): Provider => ({
    provide: type,
    inject: [PG_POOL, DISTRIBUTIONS, RECOMMEND_OPTIONS],
    useFactory: (pool: Pool, d: DistributionSource, o: RecommendOptions) => new type(pool, d, o),
  });
  return [
    { provide: RECOMMEND_OPTIONS, useValue: recommendOptions(config) },
    {
      provide: DISTRIBUTIONS,
      inject: [PG_POOL, ARTIFACT_STORE],
      useFactory: (pool: Pool, artifacts: ArtifactStore) => new ModelMetadataDistributions(new RegisteredModelsRepository(pool), artifacts),
    },
    withPool(ListPredictionsUseCase),
    withPool(ListGamesUseCase),
    withPool(GetPlayerUseCase),
    withPool(GetGradesUseCase),
    withPool(ListBetsUseCase),
    withPool(GetBoardUseCase),
    pricing(ListPicksUseCase),
    pricing(PriceLineUseCase),
    { provide: CachedPicks, inject: [PG_POOL, ListPicksUseCase], useFactory: (pool: Pool, picks: ListPicksUseCase) => new CachedPicks(pool, picks) },
    { provide: RecordBetUseCase, inject: [PG_POOL, DISTRIBUTIONS], useFactory: (pool: Pool, d: DistributionSource) => new RecordBetUseCase(pool, d) },
  ];
}
