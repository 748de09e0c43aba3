import { ALL_STATS, type StatType } from '@propcast/contracts';
import type { Pool } from 'pg';
import type { BatchRepository } from '../batches/batch.repository';
import type { BatchRow, BatchTrigger } from '../batches/batch.types';
import { BatchConflictError, BatchNotFoundError, FeaturesNotReadyError, NothingToPredictError } from '../errors';
import { newBatchId } from '../ids';
import { servingMetrics } from '../metrics';
import type { TriggerRepository } from '../triggers/trigger.repository';
import type { FanOutUseCase } from './fan-out.usecase';

/** Start (or find) the prediction batch of a game date. */
export interface StartBatchCommand {
  gameDate: string;
  /** Default: every stat. */
  stats?: readonly StatType[];
  /** Default: every player of the slate. */
  playerIds?: readonly number[];
  /** Start a new attempt even when the date already has a batch. */
  force?: boolean;
  trigger: BatchTrigger;
  /** The AVAILABILITY ingest batch whose news asks for this batch (with trigger news). */
  causeBatchId?: string;
  /**
   * Skip the readiness check (scheduled games, every expected processor reported): set by RecordTriggerUseCase,
   * whose trigger mode has already decided that the date may start.
   */
  readinessDecidedByTrigger?: boolean;
}

/** The batch the start resolved to; `created` is false when an existing batch was returned. */
export interface StartBatchResult {
  batch: BatchRow;
  created: boolean;
}

/** Readiness policy of starts that are not triggers (POST /start). */
export interface StartBatchOptions {
  /** Feature processors (FEATURE_PROCESSORS) that must all have reported the date before a batch is created for it. */
  expectedProcessors: readonly string[];
}

/** Starts racing each other for the next attempt number retry this many times. */
const MAX_ATTEMPT_RACES = 10;

/** The repositories StartBatchUseCase uses (createServingRepositories() in services, in-memory ones in unit tests). */
export interface StartBatchRepositories {
  batches: Pick<BatchRepository, 'findById' | 'insert' | 'latestForDate'>;
  triggers: Pick<TriggerRepository, 'hasScheduledGames' | 'reported'>;
}

/**
 * Starts a date's batch. Without `force` the date's existing batch (its latest attempt) is returned and nothing new
 * starts: an attempt is claimed by a unique (game_date, attempt) insert, so duplicate triggers and a racing /start
 * end up with one batch. With `force` a new attempt is created. An EMPTY latest attempt (its slate had no request)
 * does not stand for the date: the next start, forced or not, makes a new attempt, so an early start never absorbs
 * the real trigger. Before creating a batch, a start that is not a trigger checks the date: it must have a scheduled
 * game (else NothingToPredictError) and every expected feature processor must have reported it (else
 * FeaturesNotReadyError, naming the missing ones). A batch still PENDING is fanned out, which is idempotent.
 */
export class StartBatchUseCase {
  constructor(
    private readonly pool: Pool,
    private readonly repositories: StartBatchRepositories,
    private readonly fanOut: FanOutUseCase,
    private readonly options: StartBatchOptions,
  ) {}

  /** Returns the date's batch (created now or existing), fanned out; an EMPTY batch when the slate had no request. */
  async execute(command: StartBatchCommand): Promise<StartBatchResult> {
    const asked = command.stats ?? [];
    const stats = asked.length ? ALL_STATS.filter((s) => asked.includes(s)) : [...ALL_STATS];
    const playerIds = [...new Set(command.playerIds ?? [])].sort((a, b) => a - b);
    const { batchId, created } = await this.claim(command, stats, playerIds);
    servingMetrics.batchStarts.inc({ trigger: command.trigger, outcome: created ? 'created' : 'existing' });
    let batch = await this.mustFind(batchId);
    if (batch.state === 'PENDING') {
      await this.fanOut.execute({ batchId });
      batch = await this.mustFind(batchId);
    }
    return { batch, created };
  }

  private async claim(command: StartBatchCommand, stats: StatType[], playerIds: number[]): Promise<{ batchId: string; created: boolean }> {
    const base = { gameDate: command.gameDate, trigger: command.trigger, stats, playerIds, causeBatchId: command.causeBatchId ?? null };
    let checked = command.readinessDecidedByTrigger === true;
    for (let race = 0; race < MAX_ATTEMPT_RACES; race++) {
      const latest = await this.repositories.batches.latestForDate(this.pool, command.gameDate);
      if (latest && !command.force && latest.state !== 'EMPTY') return { batchId: latest.id, created: false };
      if (!checked) {
        await this.ensureReady(command.gameDate);
        checked = true;
      }
      const attempt = latest ? latest.attempt + 1 : 0;
      const id = newBatchId(command.gameDate, attempt);
      if (await this.repositories.batches.insert(this.pool, { ...base, id, attempt })) return { batchId: id, created: true };
    }
    throw new BatchConflictError(`could not claim a new attempt for ${command.gameDate} after ${MAX_ATTEMPT_RACES} races`);
  }

  /** Throws unless the date has a scheduled game and every expected processor reported it. */
  private async ensureReady(gameDate: string): Promise<void> {
    if (!(await this.repositories.triggers.hasScheduledGames(this.pool, gameDate))) throw new NothingToPredictError(gameDate, 'no scheduled game on that date');
    const reported = await this.repositories.triggers.reported(this.pool, gameDate, this.options.expectedProcessors);
    const missing = this.options.expectedProcessors.filter((p) => !reported.includes(p));
    if (missing.length > 0) throw new FeaturesNotReadyError(gameDate, missing);
  }

  private async mustFind(batchId: string): Promise<BatchRow> {
    const batch = await this.repositories.batches.findById(this.pool, batchId);
    if (!batch) throw new BatchNotFoundError(batchId);
    return batch;
  }
}
