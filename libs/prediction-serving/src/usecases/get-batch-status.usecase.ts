import type { Pool } from 'pg';
import type { BatchRepository } from '../batches/batch.repository';
import type { BatchRow, BatchState, FailureCount, ModelVersionUsage, StatProgress } from '../batches/batch.types';
import { BatchNotFoundError } from '../errors';

/** Look a batch up by id, or a date's current batch (its latest attempt). */
export type GetBatchStatusQuery = { batchId: string } | { gameDate: string };

/** Everything GET /status answers. Times are ISO-8601 (UTC). */
export interface BatchStatus {
  batchId: string;
  gameDate: string;
  attempt: number;
  state: BatchState;
  trigger: string;
  requested: number;
  completed: number;
  failed: number;
  /** (completed + failed) / requested, in percent with one decimal; 100 for an empty batch once it is running. */
  progressPercent: number;
  perStat: StatProgress[];
  failures: FailureCount[];
  /** Model versions that made this batch's predictions (live while running). */
  modelVersions: ModelVersionUsage[];
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  lastProgressAt: string | null;
  readyPublishedAt: string | null;
}

/** The repositories GetBatchStatusUseCase uses (createServingRepositories() in services, in-memory ones in unit tests). */
export interface GetBatchStatusRepositories {
  batches: Pick<BatchRepository, 'failureCounts' | 'findById' | 'latestForDate' | 'modelUsage' | 'statProgress'>;
}

/** Reads a batch's progress: counts, per stat, failures with reasons, progress %, times and model versions used. */
export class GetBatchStatusUseCase {
  constructor(
    private readonly pool: Pool,
    private readonly repositories: GetBatchStatusRepositories,
  ) {}

  /** The status of a batch, or of a date's latest attempt; throws BatchNotFoundError. */
  async execute(query: GetBatchStatusQuery): Promise<BatchStatus> {
    const batch = 'batchId' in query ? await this.repositories.batches.findById(this.pool, query.batchId) : await this.repositories.batches.latestForDate(this.pool, query.gameDate);
    if (!batch) throw new BatchNotFoundError('batchId' in query ? query.batchId : `game date ${query.gameDate}`);
    return this.describe(batch);
  }

  private async describe(batch: BatchRow): Promise<BatchStatus> {
    const done = batch.completed + batch.failed;
    const progress = batch.requested > 0 ? (100 * done) / batch.requested : batch.state === 'PENDING' ? 0 : 100;
    return {
      batchId: batch.id,
      gameDate: batch.gameDate,
      attempt: batch.attempt,
      state: batch.state,
      trigger: batch.trigger,
      requested: batch.requested,
      completed: batch.completed,
      failed: batch.failed,
      progressPercent: Math.round(progress * 10) / 10,
      perStat: await this.repositories.batches.statProgress(this.pool, batch.id),
      failures: await this.repositories.batches.failureCounts(this.pool, batch.id),
      modelVersions: batch.modelVersions ?? (await this.repositories.batches.modelUsage(this.pool, batch.id)),
      createdAt: batch.createdAt,
      startedAt: batch.startedAt,
      finishedAt: batch.finishedAt,
      lastProgressAt: batch.lastProgressAt,
      readyPublishedAt: batch.readyPublishedAt,
    };
  }
}
