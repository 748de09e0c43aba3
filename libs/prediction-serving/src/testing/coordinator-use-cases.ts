import type { PredictionJob } from '@propcast/contracts';
import { FeatureSetV1 } from '@propcast/features';
import type { EventBus } from '@propcast/messaging';
import type { Queue } from 'bullmq';
import type { Pool } from 'pg';
import { createCoordinatorUseCases } from '../composition/coordinator-use-cases';
import type { TriggerMode } from '../usecases/record-trigger.usecase';

import { PROCESSORS } from './seed-slate';

export { PROCESSORS };

/** The coordinator's use cases wired as the service wires them (createCoordinatorUseCases, test settings). */
export function coordinatorUseCases(pool: Pool, queue: Queue<PredictionJob>, bus: EventBus, opts: { jobSize?: number; mode?: TriggerMode; stallTimeoutMs?: number } = {}) {
  return createCoordinatorUseCases(
    { pool, queue, bus },
    { featureSetId: FeatureSetV1.id, jobSize: opts.jobSize ?? 50, expectedProcessors: PROCESSORS, mode: opts.mode ?? 'all_complete', stallTimeoutMs: opts.stallTimeoutMs ?? 60_000 },
  );
}
