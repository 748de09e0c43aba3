import { DynamicModule, Module } from '@nestjs/common';
import type { Pool } from 'pg';
import { createArtifactStore } from '@propcast/artifact-store';
import { PG_POOL } from '@propcast/db';
import { createGradingRepositories, EvaluateDriftUseCase, GradeDateUseCase, ListDriftReportsUseCase, ListGradesUseCase, RefreshGradingMetricsUseCase } from '@propcast/grading';
import { EVENT_BUS, type EventBus } from '@propcast/messaging';
import { DriftController } from './drift.controller';
import { DriftScheduler } from './drift.scheduler';
import { GradesController } from './grades.controller';
import { GradingMetricsRefresher } from './grading-metrics.refresher';
import { GRADING_OPTIONS, type GradingModuleOptions } from './grading.tokens';
import { IngestionCompletedGradingHandler } from './ingestion-completed.handler';
import { evaluateChallengersProvider } from './promotion-by-evidence';

/**
 * Grading inside the trainer: GET /grades, GET /grades/challengers, POST /grades/:date/regrade, POST /drift/run, GET /drift/reports, grading on
 * `ingestion.completed` (BOX_SCORES) followed by the challengers' promotion by evidence, scheduled drift, and the grading/drift gauges. Needs DbModule (PG_POOL) and
 * MessagingModule (EVENT_BUS: the event handler and retrain.requested) in the root module.
 */
@Module({})
export class GradingModule {
  static forRoot(options: GradingModuleOptions): DynamicModule {
    return {
      module: GradingModule,
      controllers: [GradesController, DriftController],
      providers: [
        { provide: GRADING_OPTIONS, useValue: options },
        { provide: GradeDateUseCase, useFactory: (pool: Pool) => new GradeDateUseCase(pool, createGradingRepositories(pool)), inject: [PG_POOL] },
        { provide: ListGradesUseCase, useFactory: (pool: Pool) => new ListGradesUseCase(createGradingRepositories(pool)), inject: [PG_POOL] },
        { provide: ListDriftReportsUseCase, useFactory: (pool: Pool) => new ListDriftReportsUseCase(createGradingRepositories(pool)), inject: [PG_POOL] },
        { provide: RefreshGradingMetricsUseCase, useFactory: (pool: Pool) => new RefreshGradingMetricsUseCase(createGradingRepositories(pool)), inject: [PG_POOL] },
        {
          provide: EvaluateDriftUseCase,
          useFactory: (pool: Pool, bus: EventBus) => new EvaluateDriftUseCase(createGradingRepositories(pool), createArtifactStore(options.artifactStoreUri), bus),
          inject: [PG_POOL, EVENT_BUS],
        },
        evaluateChallengersProvider,
        GradingMetricsRefresher,
        IngestionCompletedGradingHandler,
        DriftScheduler,
      ],
    };
  }
}
