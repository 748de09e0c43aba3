import type { Pool } from 'pg';
import { DriftRepository } from '../drift/drift.repository';
import { GradingRepository } from '../grading/grading.repository';
import type { GradingMetricsRepositories } from './refresh-grading-metrics.usecase';

/** The Postgres repositories of the grading metrics refresh (the trainer's Nest module, the CLI and the int-specs). */
export function createGradingMetricsRepositories(pool: Pool): GradingMetricsRepositories {
  return { grades: new GradingRepository(pool), drift: new DriftRepository(pool) };
}
