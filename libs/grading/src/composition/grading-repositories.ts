import { RegisteredModelsRepository } from '@propcast/model-registry';
import type { Pool } from 'pg';
import { BacktestDataRepository } from '../backtest/backtest-data.repository';
import { MarketCombinerStore } from '../combiner/market-combiner.repository';
import { DriftRepository } from '../drift/drift.repository';
import { ClosingLineRepository } from '../grading/closing-line.repository';
import { GradingRepository } from '../grading/grading.repository';
import { FeatureSetsRepository } from '../shared/feature-sets.repository';

/**
 * The Postgres repositories of grading's use cases. Use cases take the narrow part they need
 * (`EvaluateDriftRepositories`, `GradingMetricsRepositories`); tests pass in-memory ones.
 */
export interface GradingRepositories {
  grades: GradingRepository;
  drift: DriftRepository;
  models: RegisteredModelsRepository;
  featureSets: FeatureSetsRepository;
  closingLines: ClosingLineRepository;
  marketCombiners: MarketCombinerStore;
  backtestData: BacktestDataRepository;
}

/** Composition root of grading's repositories: the trainer's Nest module, the CLI and the int-specs build them here. */
export function createGradingRepositories(pool: Pool): GradingRepositories {
  return {
    grades: new GradingRepository(pool),
    drift: new DriftRepository(pool),
    models: new RegisteredModelsRepository(pool),
    featureSets: new FeatureSetsRepository(pool),
    closingLines: new ClosingLineRepository(),
    marketCombiners: new MarketCombinerStore(pool),
    backtestData: new BacktestDataRepository(pool),
  };
}
