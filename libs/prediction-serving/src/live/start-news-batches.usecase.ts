import { withPgTransaction } from '@propcast/db';
import type { Pool } from 'pg';
import type { StartBatchUseCase } from '../usecases/start-batch.usecase';
import type { NewsRepository } from './news.repository';

/** Where the features of news must be current. */
export interface StartNewsBatchesOptions {
  featureSetId: string;
  /** Feature processors (FEATURE_PROCESSORS) that must all have finished the date after the news. */
  expectedProcessors: readonly string[];
}

/** A re-prediction batch started for a piece of news. */
export interface StartedNewsBatch {
  causeBatchId: string;
  predictionBatchId: string;
  players: number;
}

/** The repositories StartNewsBatchesUseCase uses (createServingRepositories() in services, in-memory ones in unit tests). */
export interface StartNewsBatchesRepositories {
  news: Pick<NewsRepository, 'featuresComputedAfter' | 'lockDate' | 'markStarted' | 'pending' | 'pendingDates'>;
}

/**
 * Starts the re-prediction of a date's recorded news once its features include it: the feature store recomputed the
 * news' games (or the whole date) after the news' import committed: a new batch attempt (trigger news, cause = the ingest
 * batch) for the affected players only, every stat, predicted by the serving models and priced at the current lines.
 * The read side serves each (player, game, stat) from its newest attempt, so their teammates' rows take over. Called on
 * phase.completed and by the stall sweep (which catches news recorded after its features were already current).
 */
export class StartNewsBatchesUseCase {
  constructor(
    private readonly pool: Pool,
    private readonly repositories: StartNewsBatchesRepositories,
    private readonly start: StartBatchUseCase,
    private readonly options: StartNewsBatchesOptions,
  ) {}

  /** Starts what is due on `gameDate` (every date with pending news when omitted). */
  async execute(gameDate?: string): Promise<StartedNewsBatch[]> {
    const dates = gameDate ? [gameDate] : await this.repositories.news.pendingDates(this.pool);
    const started: StartedNewsBatch[] = [];
    for (const date of dates) started.push(...(await this.startDate(date)));
    return started;
  }

  private startDate(gameDate: string): Promise<StartedNewsBatch[]> {
    return withPgTransaction(this.pool, async (client) => {
      await this.repositories.news.lockDate(client, gameDate);
      const started: StartedNewsBatch[] = [];
      // News of one game is re-predicted in order; a game's news waits behind its earlier news, other games' do not.
      const waiting = new Set<string>();
      for (const news of await this.repositories.news.pending(client, gameDate)) {
        if (news.gameIds.some((g) => waiting.has(g)) || !(await this.repositories.news.featuresComputedAfter(client, news, this.options.featureSetId, this.options.expectedProcessors))) {
          for (const g of news.gameIds) waiting.add(g);
          continue;
        }
        const { batch } = await this.start.execute({ gameDate, playerIds: news.playerIds, force: true, trigger: 'news', causeBatchId: news.causeBatchId, readinessDecidedByTrigger: true });
        await this.repositories.news.markStarted(client, news.causeBatchId, batch.id);
        started.push({ causeBatchId: news.causeBatchId, predictionBatchId: batch.id, players: news.playerIds.length });
      }
      return started;
    });
  }
}
