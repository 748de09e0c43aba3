import { RegisteredModelsRepository } from '@propcast/model-registry';
import type { Pool } from 'pg';
import { DriftRepository } from '../drift/drift.repository';
import { GradingRepository } from '../grading/grading.repository';
import { FeatureSetsRepository } from '../shared/feature-sets.repository';

/**
 * The Postgres repositories of grading's drift and metrics use cases. Use cases take the narrow part they need
 * (`EvaluateDriftRepositories`, `GradingMetricsRepositories`); tests pass in-memory ones.
 */
export interface GradingRepositories {
  grades: GradingRepository;
  drift: DriftRepository;
  models: RegisteredModelsRepository;
  featureSets: FeatureSetsRepository;
}

/** Composition root of grading's repositories: the trainer's Nest module, the CLI and the int-specs build them here. */
export function createGradingRepositories(pool: Pool): GradingRepositories {
  return { grades: new GradingRepository(pool), drift: new DriftRepository(pool), models: new RegisteredModelsRepository(pool), featureSets: new FeatureSetsRepository(pool) };
}
