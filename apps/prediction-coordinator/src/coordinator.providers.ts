import { Inject, Injectable, OnModuleDestroy, type Provider } from '@nestjs/common';
import type { PredictionJob } from '@propcast/contracts';
import { PG_POOL } from '@propcast/db';
import { parseProcessorList, resolveFeatureSet } from '@propcast/feature-pipeline';
import { EVENT_BUS, type EventBus } from '@propcast/messaging';
import {
  FanOutUseCase,
  FinishBatchUseCase,
  GetBatchStatusUseCase,
  MeasureTipoffCoverageUseCase,
  openPredictionQueue,
  RecordJobResultUseCase,
  RecordNewsUseCase,
  RecordTriggerUseCase,
  RecoverStalledBatchesUseCase,
  StartBatchUseCase,
  StartNewsBatchesUseCase,
} from '@propcast/prediction-serving';
import type { Queue } from 'bullmq';
import type { Pool } from 'pg';
import type { PredictionCoordinatorConfig } from './config';
import { COORDINATOR_CONFIG, PREDICTION_QUEUE } from './coordinator.tokens';

/** Closes the queue producer; list it after every provider using the queue (Nest destroys them in order). */
@Injectable()
export class PredictionQueueLifecycle implements OnModuleDestroy {
  constructor(@Inject(PREDICTION_QUEUE) private readonly queue: Queue<PredictionJob>) {}

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
  }
}

/** The coordinator's use cases wired to Postgres, the event bus and the predictions queue. */
export function coordinatorProviders(config: PredictionCoordinatorConfig): Provider[] {
  return [
    { provide: COORDINATOR_CONFIG, useValue: config },
    {
      provide: PREDICTION_QUEUE,
      useFactory: () => openPredictionQueue({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX, attempts: config.JOB_ATTEMPTS, backoffMs: config.JOB_BACKOFF_MS }),
    },
    { provide: FinishBatchUseCase, useFactory: (pool: Pool, bus: EventBus) => new FinishBatchUseCase(pool, bus), inject: [PG_POOL, EVENT_BUS] },
    {
      provide: FanOutUseCase,
      useFactory: (pool: Pool, queue: Queue<PredictionJob>) =>
        new FanOutUseCase(pool, queue, { featureSetId: resolveFeatureSet(config.FEATURE_SET).id, jobSize: config.JOB_SIZE }),
      inject: [PG_POOL, PREDICTION_QUEUE],
    },
    {
      provide: StartBatchUseCase,
      useFactory: (pool: Pool, fanOut: FanOutUseCase) => new StartBatchUseCase(pool, fanOut, { expectedProcessors: parseProcessorList(config.FEATURE_PROCESSORS) }),
      inject: [PG_POOL, FanOutUseCase],
    },
    {
      provide: RecordTriggerUseCase,
      useFactory: (pool: Pool, start: StartBatchUseCase) => new RecordTriggerUseCase(pool, start, { mode: config.TRIGGER_MODE, expectedProcessors: parseProcessorList(config.FEATURE_PROCESSORS) }),
      inject: [PG_POOL, StartBatchUseCase],
    },
    { provide: RecordJobResultUseCase, useFactory: (pool: Pool, finish: FinishBatchUseCase) => new RecordJobResultUseCase(pool, finish), inject: [PG_POOL, FinishBatchUseCase] },
    {
      provide: RecoverStalledBatchesUseCase,
      useFactory: (pool: Pool, queue: Queue<PredictionJob>, fanOut: FanOutUseCase, record: RecordJobResultUseCase, finish: FinishBatchUseCase) =>
        new RecoverStalledBatchesUseCase(pool, queue, fanOut, record, finish, { stallTimeoutMs: config.STALL_TIMEOUT_MS }),
      inject: [PG_POOL, PREDICTION_QUEUE, FanOutUseCase, RecordJobResultUseCase, FinishBatchUseCase],
    },
    { provide: RecordNewsUseCase, useFactory: (pool: Pool) => new RecordNewsUseCase(pool), inject: [PG_POOL] },
    {
      provide: StartNewsBatchesUseCase,
      useFactory: (pool: Pool, start: StartBatchUseCase) =>
        new StartNewsBatchesUseCase(pool, start, { featureSetId: resolveFeatureSet(config.FEATURE_SET).id, expectedProcessors: parseProcessorList(config.FEATURE_PROCESSORS) }),
      inject: [PG_POOL, StartBatchUseCase],
    },
    { provide: GetBatchStatusUseCase, useFactory: (pool: Pool) => new GetBatchStatusUseCase(pool), inject: [PG_POOL] },
    { provide: MeasureTipoffCoverageUseCase, useFactory: (pool: Pool) => new MeasureTipoffCoverageUseCase(pool), inject: [PG_POOL] },
  ];
}
