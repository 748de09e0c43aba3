import { BOX_SCORE_FIELDS, BoxScoreMapper, type BoxScoreRow } from '../formats/box-scores.format';
import { countMatchedFields } from '../formats/field-map';
import { boxScoreDuplicates, gamesOfRows, reconcileGames } from '../validation/box-score-batch';
import { collapseDuplicates } from '../validation/duplicates';
import { writeBoxScores } from '../writers/box-score.writer';
import { BulkBoxScoreLoad } from '../writers/bulk-box-score-load';
import type { IngestKindHandler } from './ingest-kind';

/** Box scores: player lines of played games; they create or update players, FINAL games and player_game_stats. */
export const boxScoresKind: IngestKindHandler<BoxScoreRow, BoxScoreRow> = {
  kind: 'BOX_SCORES',
  slug: 'box-scores',
  dialects: [],
  scoreColumns: (columns) => countMatchedFields(columns, BOX_SCORE_FIELDS),
  mapper: (columns, problems, skipped) => new BoxScoreMapper(columns, problems, skipped),
  async prepare(client, rows, problems, ctx) {
    const stored = await ctx.repositories.games.byIdWithStatus(client, [...new Set(rows.map((r) => r.gameId))]);
    reconcileGames(rows, stored, problems);
    return { rows, flags: {} };
  },
  collapse: (rows, problems) => collapseDuplicates(rows, problems, boxScoreDuplicates()),
  write: (client, rows, ctx) => writeBoxScores(client, ctx.batchId, rows, gamesOfRows(rows), ctx.now),
  // DND / NWT / inactive rows say who was out before tip-off: availability_reports rows of source BOXSCORE, in the same transaction.
  afterWrite: async (client, rows, ctx) => ({ availability: await ctx.repositories.boxScoreAvailability.derive(client, ctx.batchId, [...new Set(rows.map((r) => r.gameId))]) }),
  openStreamingLoad: (client, ctx) => BulkBoxScoreLoad.open(client, ctx),
};
