import type { PoolClient } from 'pg';
import { deriveBoxScoreAvailability } from '../availability/boxscore-availability';
import { BOX_SCORE_FIELDS, BoxScoreMapper, type BoxScoreRow } from '../formats/box-scores.format';
import { countMatchedFields } from '../formats/field-map';
import { boxScoreDuplicates, gamesOfRows, reconcileGames, type StoredGame } from '../validation/box-score-batch';
import { collapseDuplicates } from '../validation/duplicates';
import { writeBoxScores } from '../writers/box-score.writer';
import { BulkBoxScoreLoad } from '../writers/bulk-box-score-load';
import type { IngestKindHandler } from './ingest-kind';

/** Loads the stored games with these ids. */
export async function loadStoredGames(client: PoolClient, ids: readonly string[]): Promise<Map<string, StoredGame>> {
  const result = await client.query<{ id: string; game_date: string; home_team_id: number; away_team_id: number; status: 'SCHEDULED' | 'FINAL' }>(
    `SELECT id, game_date::text AS game_date, home_team_id, away_team_id, status FROM games WHERE id = ANY($1::text[])`,
    [ids],
  );
  return new Map(result.rows.map((g) => [g.id, { id: g.id, gameDate: g.game_date, homeTeamId: g.home_team_id, awayTeamId: g.away_team_id, status: g.status }]));
}

/** Box scores: player lines of played games; they create or update players, FINAL games and player_game_stats. */
export const boxScoresKind: IngestKindHandler<BoxScoreRow, BoxScoreRow> = {
  kind: 'BOX_SCORES',
  slug: 'box-scores',
  dialects: [],
  scoreColumns: (columns) => countMatchedFields(columns, BOX_SCORE_FIELDS),
  mapper: (columns, problems, skipped) => new BoxScoreMapper(columns, problems, skipped),
  async prepare(client, rows, problems) {
    const stored = await loadStoredGames(client, [...new Set(rows.map((r) => r.gameId))]);
    reconcileGames(rows, stored, problems);
    return { rows, flags: {} };
  },
  collapse: (rows, problems) => collapseDuplicates(rows, problems, boxScoreDuplicates()),
  write: (client, rows, ctx) => writeBoxScores(client, ctx.batchId, rows, gamesOfRows(rows), ctx.now),
  // DND / NWT / inactive rows say who was out before tip-off: availability_reports rows of source BOXSCORE, in the same transaction.
  afterWrite: async (client, rows, ctx) => ({ availability: await deriveBoxScoreAvailability(client, ctx.batchId, [...new Set(rows.map((r) => r.gameId))]) }),
  openStreamingLoad: (client, ctx) => BulkBoxScoreLoad.open(client, ctx),
};
