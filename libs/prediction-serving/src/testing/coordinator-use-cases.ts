import type { PredictionJob } from '@propcast/contracts';
import { FeatureSetV1 } from '@propcast/features';
import type { EventBus } from '@propcast/messaging';
import type { Queue } from 'bullmq';
import type { Pool } from 'pg';
import { FanOutUseCase } from '../usecases/fan-out.usecase';
import { FinishBatchUseCase } from '../usecases/finish-batch.usecase';
import { GetBatchStatusUseCase } from '../usecases/get-batch-status.usecase';
import { RecordJobResultUseCase } from '../usecases/record-job-result.usecase';
import { RecordTriggerUseCase, type TriggerMode } from '../usecases/record-trigger.usecase';
import { RecoverStalledBatchesUseCase } from '../usecases/recover-stalled-batches.usecase';
import { StartBatchUseCase } from '../usecases/start-batch.usecase';

import { PROCESSORS } from './seed-slate';

export { PROCESSORS };

/** The coordinator's use cases wired as the service wires them. */
export function coordinatorUseCases(pool: Pool, queue: Queue<PredictionJob>, bus: EventBus, opts: { jobSize?: number; mode?: TriggerMode; stallTimeoutMs?: number } = {}) {
  const finish = new FinishBatchUseCase(pool, bus);
  const fanOut = new FanOutUseCase(pool, queue, { featureSetId: FeatureSetV1.id, jobSize: opts.jobSize ?? 50 });
  const start = new StartBatchUseCase(pool, fanOut, { expectedProcessors: PROCESSORS });
  const recordJobResult = new RecordJobResultUseCase(pool, finish);
  return {
    finish,
    fanOut,
    start,
    recordJobResult,
    trigger: new RecordTriggerUseCase(pool, start, { mode: opts.mode ?? 'all_complete', expectedProcessors: PROCESSORS }),
    recover: new RecoverStalledBatchesUseCase(pool, queue, fanOut, recordJobResult, finish, { stallTimeoutMs: opts.stallTimeoutMs ?? 60_000 }),
    status: new GetBatchStatusUseCase(pool),
  };
}
