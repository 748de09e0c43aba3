import type { PredictionJob } from '@propcast/contracts';
import type { EventBus } from '@propcast/messaging';
import type { Queue } from 'bullmq';
import type { Pool } from 'pg';
import { StartNewsBatchesUseCase } from '../live/start-news-batches.usecase';
import { FanOutUseCase } from '../usecases/fan-out.usecase';
import { FinishBatchUseCase } from '../usecases/finish-batch.usecase';
import { GetBatchStatusUseCase } from '../usecases/get-batch-status.usecase';
import { RecordJobFailureUseCase } from '../usecases/record-job-failure.usecase';
import { RecordTriggerUseCase, type TriggerMode } from '../usecases/record-trigger.usecase';
import { RecoverStalledBatchesUseCase } from '../usecases/recover-stalled-batches.usecase';
import { StartBatchUseCase } from '../usecases/start-batch.usecase';
import { createServingRepositories, type ServingRepositories } from './serving-repositories';

/** The coordinator's settings (from its config in the service, literals in tests). */
export interface CoordinatorSettings {
  featureSetId: string;
  jobSize: number;
  expectedProcessors: readonly string[];
  mode: TriggerMode;
  stallTimeoutMs: number;
}

/** Connections the coordinator's use cases work over. */
export interface CoordinatorConnections {
  pool: Pool;
  queue: Queue<PredictionJob>;
  bus: EventBus;
  /** Default: the Postgres repositories. */
  repositories?: ServingRepositories;
}

/** The coordinator's use cases wired together. */
export interface CoordinatorUseCases {
  finish: FinishBatchUseCase;
  fanOut: FanOutUseCase;
  start: StartBatchUseCase;
  recordJobFailure: RecordJobFailureUseCase;
  trigger: RecordTriggerUseCase;
  recover: RecoverStalledBatchesUseCase;
  status: GetBatchStatusUseCase;
  startNews: StartNewsBatchesUseCase;
}

/** Composition root of the coordinator's use cases: the Nest module and the tests both build them here. */
export function createCoordinatorUseCases(connections: CoordinatorConnections, settings: CoordinatorSettings): CoordinatorUseCases {
  const { pool, queue, bus } = connections;
  const repositories = connections.repositories ?? createServingRepositories();
  const finish = new FinishBatchUseCase(pool, repositories, bus);
  const fanOut = new FanOutUseCase(pool, repositories, queue, { featureSetId: settings.featureSetId, jobSize: settings.jobSize });
  const start = new StartBatchUseCase(pool, repositories, fanOut, { expectedProcessors: settings.expectedProcessors });
  const recordJobFailure = new RecordJobFailureUseCase(pool, repositories, finish);
  return {
    finish,
    fanOut,
    start,
    recordJobFailure,
    trigger: new RecordTriggerUseCase(pool, repositories, start, { mode: settings.mode, expectedProcessors: settings.expectedProcessors }),
    recover: new RecoverStalledBatchesUseCase(pool, repositories, queue, fanOut, recordJobFailure, finish, { stallTimeoutMs: settings.stallTimeoutMs }),
    status: new GetBatchStatusUseCase(pool, repositories),
    startNews: new StartNewsBatchesUseCase(pool, repositories, start, { featureSetId: settings.featureSetId, expectedProcessors: settings.expectedProcessors }),
  };
}
