import type { Pool } from 'pg';
import type { BatchRow } from '../batches/batch.types';
import { ServingConfigError } from '../errors';
import { servingMetrics } from '../metrics';
import type { TriggerRepository } from '../triggers/trigger.repository';
import type { StartBatchUseCase } from './start-batch.usecase';

/** When phase.completed events start a batch. */
export const TRIGGER_MODES = ['all_complete', 'any', 'manual'] as const;
export type TriggerMode = (typeof TRIGGER_MODES)[number];

/** Trigger policy. */
export interface RecordTriggerOptions {
  /** all_complete: once every expected processor reported the date; any: on the first; manual: never (POST /start only). */
  mode: TriggerMode;
  /** Feature processors whose reports count (FEATURE_PROCESSORS). */
  expectedProcessors: readonly string[];
}

/** One `phase.completed` delivery. */
export interface RecordTriggerCommand {
  gameDate: string;
  processor: string;
  /** Event id, kept on the trigger record. */
  messageId: string;
  transport: 'pubsub' | 'stream';
}

/**
 * What the trigger did: `started` also when the date's batch already existed (no second batch is ever made); `empty`
 * when the started batch found no request on the slate (it is EMPTY, and the date's next report starts a new attempt).
 */
export interface RecordTriggerResult {
  outcome: 'started' | 'empty' | 'recorded' | 'ignored';
  /** Expected processors that have not reported the date yet. */
  missing: string[];
  batch: BatchRow | null;
}

/** The repositories RecordTriggerUseCase uses (createServingRepositories() in services, in-memory ones in unit tests). */
export interface RecordTriggerRepositories {
  triggers: Pick<TriggerRepository, 'hasScheduledGames' | 'record' | 'reported'>;
}

/**
 * Records a feature processor's report for a date in trigger_records, then starts the date's batch when the trigger
 * mode says so (only for dates with scheduled games). Starting is idempotent (see StartBatchUseCase), so duplicate
 * and late deliveries, and a redelivery after a crash between recording and starting, all end with the same batch.
 */
export class RecordTriggerUseCase {
  constructor(
    private readonly pool: Pool,
    private readonly repositories: RecordTriggerRepositories,
    private readonly startBatch: StartBatchUseCase,
    private readonly options: RecordTriggerOptions,
  ) {
    if (options.mode !== 'manual' && options.expectedProcessors.length === 0) {
      throw new ServingConfigError(`trigger mode ${options.mode} needs at least one expected feature processor`);
    }
  }

  /** Records the report and starts the batch when the trigger mode says so. */
  async execute(command: RecordTriggerCommand): Promise<RecordTriggerResult> {
    const { mode, expectedProcessors } = this.options;
    // Processors also report past dates (backfills, corrections recomputing every later date): a date whose
    // games are all final has nothing to predict, so its reports never start a batch.
    if (!expectedProcessors.includes(command.processor) || !(await this.repositories.triggers.hasScheduledGames(this.pool, command.gameDate))) {
      servingMetrics.triggers.inc({ mode, outcome: 'ignored' });
      return { outcome: 'ignored', missing: [...expectedProcessors], batch: null };
    }
    await this.repositories.triggers.record(this.pool, command.gameDate, command.processor, command.messageId);
    const reported = await this.repositories.triggers.reported(this.pool, command.gameDate, expectedProcessors);
    const missing = expectedProcessors.filter((p) => !reported.includes(p));
    if (mode === 'manual' || (mode === 'all_complete' && missing.length > 0)) {
      servingMetrics.triggers.inc({ mode, outcome: 'recorded' });
      return { outcome: 'recorded', missing, batch: null };
    }
    const { batch } = await this.startBatch.execute({ gameDate: command.gameDate, trigger: command.transport, readinessDecidedByTrigger: true });
    const outcome = batch.state === 'EMPTY' ? 'empty' : 'started';
    servingMetrics.triggers.inc({ mode, outcome });
    return { outcome, missing, batch };
  }
}
