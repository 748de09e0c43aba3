import { withPgTransaction } from '@propcast/db';
import { ServiceNames, type EventEnvelope } from '@propcast/contracts';
import type { EventBus } from '@propcast/messaging';
import type { Pool, PoolClient } from 'pg';
import type { BatchRepository } from '../batches/batch.repository';
import { finishedStateOf, type BatchRow, type FinishedBatchState, type StatProgress } from '../batches/batch.types';
import { BatchNotFoundError } from '../errors';
import { readyEventId, updatedEventId } from '../ids';
import type { NewsRepository } from '../live/news.repository';
import { servingMetrics } from '../metrics';

/** Finish one batch (if all its requests are done). */
export interface FinishBatchCommand {
  batchId: string;
}

/** Whether this call published the batch's predictions.ready. */
export interface FinishBatchResult {
  published: boolean;
}

/** The repositories FinishBatchUseCase uses (createServingRepositories() in services, in-memory ones in unit tests). */
export interface FinishBatchRepositories {
  batches: Pick<BatchRepository, 'failureCounts' | 'findById' | 'finish' | 'markReadyPublished' | 'modelUsage' | 'statProgress'>;
  news: Pick<NewsRepository, 'batchProps'>;
}

/**
 * Closes a batch once every request is done: terminal state (COMPLETED when every request was predicted,
 * COMPLETED_WITH_FAILURES when some failed, FAILED when all failed; `predictions.ready` carries it with the counts),
 * failures and model versions stored under the batch row lock and committed; only then, in a second transaction on
 * the same row lock, `predictions.ready` is published and ready_published_at set, so a consumer always reads a
 * finished batch and concurrent finishers publish once. A crash between publish and commit makes the stall sweeper
 * publish the same event again (its id derives from the batch id), which consumers drop as a duplicate. A batch started
 * by availability news also publishes predictions.updated (reason news, its cause and the props it predicted).
 */
export class FinishBatchUseCase {
  constructor(
    private readonly pool: Pool,
    private readonly repositories: FinishBatchRepositories,
    private readonly bus: EventBus,
  ) {}

  /** Closes the batch and publishes predictions.ready when all its requests are done; otherwise does nothing. */
  async execute(command: FinishBatchCommand): Promise<FinishBatchResult> {
    const finished = await withPgTransaction(this.pool, async (client) => {
      const batch = await this.repositories.batches.findById(client, command.batchId, true);
      if (!batch) throw new BatchNotFoundError(command.batchId);
      if (batch.readyPublishedAt || batch.state === 'PENDING' || batch.state === 'EMPTY' || batch.completed + batch.failed < batch.requested) return null;
      const state = finishedStateOf(batch);
      const failures = await this.repositories.batches.failureCounts(client, batch.id);
      const usage = await this.repositories.batches.modelUsage(client, batch.id);
      const perStat = await this.repositories.batches.statProgress(client, batch.id);
      await this.repositories.batches.finish(client, batch.id, state, failures, usage);
      return { batch, state, perStat };
    });
    if (!finished) return { published: false };
    const { batch, state } = finished;
    // Second transaction: the row lock serialises concurrent finishers, so one publishes and the rest see the mark.
    const published = await withPgTransaction(this.pool, async (client) => {
      const current = await this.repositories.batches.findById(client, batch.id, true);
      if (!current || current.readyPublishedAt) return false;
      const event: EventEnvelope<'predictions.ready'> = {
        id: readyEventId(batch.id),
        type: 'predictions.ready',
        occurredAt: new Date().toISOString(),
        source: ServiceNames.predictionCoordinator,
        data: { gameDate: batch.gameDate, batchId: batch.id, state, counts: { requested: batch.requested, completed: batch.completed, failed: batch.failed } },
      };
      await this.bus.publish(event);
      if (batch.causeBatchId) await this.publishNewsUpdate(client, batch);
      await this.repositories.batches.markReadyPublished(client, batch.id);
      return true;
    });
    if (!published) return { published: false };
    this.observe(finished.batch, finished.state, finished.perStat);
    return { published: true };
  }

  /** A news batch also announces predictions.updated: the props its availability news re-predicted and re-priced. */
  private async publishNewsUpdate(client: PoolClient, batch: BatchRow): Promise<void> {
    const changed = await this.repositories.news.batchProps(client, batch.id);
    await this.bus.publish({
      id: updatedEventId(batch.id),
      type: 'predictions.updated',
      occurredAt: new Date().toISOString(),
      source: ServiceNames.predictionCoordinator,
      data: { gameDate: batch.gameDate, reason: 'news', causeBatchId: batch.causeBatchId as string, predictionBatchId: batch.id, changed, counts: { prices: 0, predictions: changed.length } },
    });
  }

  private observe(batch: BatchRow, state: FinishedBatchState, perStat: readonly StatProgress[]): void {
    servingMetrics.readyPublished.inc();
    servingMetrics.batchesFinished.inc({ state });
    if (batch.startedAt) servingMetrics.batchDuration.observe({ state }, Math.max(0, (Date.now() - Date.parse(batch.startedAt)) / 1000));
    servingMetrics.batchCoverage.set({ stat: 'ALL' }, batch.requested > 0 ? batch.completed / batch.requested : 1);
    for (const s of perStat) servingMetrics.batchCoverage.set({ stat: s.stat }, s.requested > 0 ? s.completed / s.requested : 1);
  }
}
