import { withPgTransaction } from '@propcast/db';
import type { Pool } from 'pg';
import { NewsRepository, type StatusChange } from './news.repository';

/** Record the news of an AVAILABILITY ingest batch. */
export interface RecordNewsCommand {
  gameDate: string;
  causeBatchId: string;
}

/** What the batch changed and whom it affects (`recorded` false: nothing changed, or already recorded). */
export interface RecordNewsResult {
  recorded: boolean;
  changes: StatusChange[];
  /** The predicted players of the changed players' teams in their games (the changed players included). */
  playerIds: number[];
}

/** The repositories RecordNewsUseCase uses (createServingRepositories() in services, in-memory ones in unit tests). */
export interface RecordNewsRepositories {
  news: Pick<NewsRepository, 'insert' | 'lockDate' | 'predictedTeammates' | 'statusChanges'>;
}

/**
 * Availability news: an AVAILABILITY import that changed a player's latest status on a predicted date is recorded
 * with the predicted players of his team in that game. The coordinator re-predicts them once the date's features
 * have been recomputed after the import (StartNewsBatchesUseCase). Idempotent per ingest batch.
 */
export class RecordNewsUseCase {
  constructor(
    private readonly pool: Pool,
    private readonly repositories: RecordNewsRepositories,
  ) {}

  async execute(command: RecordNewsCommand): Promise<RecordNewsResult> {
    return withPgTransaction(this.pool, async (client) => {
      await this.repositories.news.lockDate(client, command.gameDate);
      const changes = await this.repositories.news.statusChanges(client, command.gameDate, command.causeBatchId);
      if (changes.length === 0) return { recorded: false, changes, playerIds: [] };
      const teams = [...new Map(changes.map((c) => [`${c.gameId}|${c.teamId}`, { gameId: c.gameId, teamId: c.teamId }])).values()];
      const playerIds = await this.repositories.news.predictedTeammates(client, command.gameDate, teams);
      if (playerIds.length === 0) return { recorded: false, changes, playerIds };
      const recorded = await this.repositories.news.insert(client, { ...command, changes, playerIds });
      return { recorded, changes, playerIds };
    });
  }
}
