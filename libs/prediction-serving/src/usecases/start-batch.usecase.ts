import { ALL_STATS, type StatType } from '@propcast/contracts';
import type { Pool } from 'pg';
import { BatchRepository } from '../batches/batch.repository';
import type { BatchRow, BatchTrigger } from '../batches/batch.types';
import { BatchConflictError, BatchNotFoundError } from '../errors';
import { newBatchId } from '../ids';
import { servingMetrics } from '../metrics';
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
}

/** The batch the start resolved to; `created` is false when an existing batch was returned. */
export interface StartBatchResult {
  batch: BatchRow;
  created: boolean;
}

/** Forced starts racing each other retry the next attempt number this many times. */
const MAX_ATTEMPT_RACES = 10;

/**
 * Starts a date's batch. Without `force` the date's existing batch (its latest attempt) is returned and nothing new
 * starts: attempt 0 is claimed by a unique (game_date, attempt) insert, so duplicate triggers and a racing /start end
 * up with one batch. With `force` a new attempt is created. A batch still PENDING (its fan-out crashed or is running
 * elsewhere) is fanned out, which is idempotent.
 */
export class StartBatchUseCase {
  private readonly batches = new BatchRepository();

  constructor(
    private readonly pool: Pool,
    private readonly fanOut: FanOutUseCase,
  ) {}

  /** Returns the date's batch (created now or existing), fanned out. */
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
    const base = { gameDate: command.gameDate, trigger: command.trigger, stats, playerIds };
    if (!command.force) {
      const id = newBatchId(command.gameDate, 0);
      if (await this.batches.insert(this.pool, { ...base, id, attempt: 0 })) return { batchId: id, created: true };
      const existing = await this.batches.latestForDate(this.pool, command.gameDate);
      if (!existing) throw new BatchNotFoundError(`game date ${command.gameDate}`);
      return { batchId: existing.id, created: false };
    }
    for (let race = 0; race < MAX_ATTEMPT_RACES; race++) {
      const latest = await this.batches.latestForDate(this.pool, command.gameDate);
      const attempt = latest ? latest.attempt + 1 : 0;
      const id = newBatchId(command.gameDate, attempt);
      if (await this.batches.insert(this.pool, { ...base, id, attempt })) return { batchId: id, created: true };
    }
    throw new BatchConflictError(`could not claim a new attempt for ${command.gameDate} after ${MAX_ATTEMPT_RACES} races`);
  }

  private async mustFind(batchId: string): Promise<BatchRow> {
    const batch = await this.batches.findById(this.pool, batchId);
    if (!batch) throw new BatchNotFoundError(batchId);
    return batch;
  }
}
