import { countMatchedFields } from '../formats/field-map';
import { GAME_LINE_FIELDS, GameLineMapper, type GameLineRow } from '../formats/game-lines.format';
import { matchGame, type MatchableGame, type StoredGames } from '../games/stored-games';
import { collapseDuplicates } from '../validation/duplicates';
import type { ProblemCollector } from '../validation/problems';
import { writeGameLines, type GameLineRecord } from '../writers/game-lines.writer';
import type { BatchContext, IngestKindHandler } from './ingest-kind';

/** How long before its cutoff a line without a capture time is stamped: it is a closing line, known just before tip-off (else before the game date starts). */
export const ASSUMED_LINE_CAPTURE_BEFORE_CUTOFF_MS = 60_000;

/** The capture time of a line: the row's, else the batch's, else (closing lines) one minute before tip-off, or before 00:00 UTC of the game date when the tip-off is unknown. */
function captureTime(row: GameLineRow, game: MatchableGame, ctx: BatchContext): { at: Date; assumed: boolean } {
  if (row.capturedAt) return { at: row.capturedAt, assumed: false };
  if (ctx.capturedAt) return { at: ctx.capturedAt, assumed: false };
  const cutoff = game.tipoffAt ?? new Date(`${game.gameDate}T00:00:00Z`);
  return { at: new Date(cutoff.getTime() - ASSUMED_LINE_CAPTURE_BEFORE_CUTOFF_MS), assumed: true };
}

const FIELDS = { gameId: 'game_id', game: 'home_team', gameDate: 'game_date' };

function matchAll(rows: readonly GameLineRow[], games: StoredGames, problems: ProblemCollector, ctx: BatchContext) {
  const lines: GameLineRecord[] = [];
  let assumed = 0;
  let contradictions = 0;
  for (const row of rows) {
    const game = matchGame(row, games, problems, FIELDS);
    if (!game) continue;
    const captured = captureTime(row, game, ctx);
    if (captured.assumed) assumed++;
    if (row.favouriteContradictsMoneylines) contradictions++;
    lines.push({
      row: row.row,
      gameId: game.id,
      gameDate: game.gameDate,
      book: row.book,
      homeSpread: row.homeSpread,
      total: row.total,
      homeMoneyline: row.homeMoneyline,
      awayMoneyline: row.awayMoneyline,
      capturedAt: captured.at,
    });
  }
  return { lines, assumed, contradictions };
}

/** Game lines: spread, total and moneylines per game, book and capture time; games are matched to stored ones by id or date and teams. */
export const gameLinesKind: IngestKindHandler<GameLineRow, GameLineRecord> = {
  kind: 'GAME_LINES',
  slug: 'game-lines',
  dialects: [],
  scoreColumns: (columns) => countMatchedFields(columns, GAME_LINE_FIELDS),
  mapper: (columns, problems) => new GameLineMapper(columns, problems),
  async prepare(client, rows, problems, ctx) {
    const games = await ctx.repositories.games.byIdOrDate(
      client,
      rows.flatMap((r) => (r.gameId ? [r.gameId] : [])),
      rows.flatMap((r) => (r.gameId === null && r.gameDate ? [r.gameDate] : [])),
    );
    const { lines, assumed, contradictions } = matchAll(rows, games, problems, ctx);
    const flags: Record<string, unknown> = {};
    if (assumed > 0)
      flags['assumedCapturedAt'] = { rows: assumed, rule: 'no capture time given: a closing line, stamped 1 min before tip-off (before 00:00 UTC of the game date when the tip-off is unknown)' };
    if (contradictions > 0) flags['favouriteContradictsMoneylines'] = contradictions;
    return { rows: lines, flags };
  },
  collapse: (rows, problems) =>
    collapseDuplicates(rows, problems, {
      key: (l) => `${l.gameId}:${l.book}:${l.capturedAt.getTime()}`,
      fields: ['homeSpread', 'total', 'homeMoneyline', 'awayMoneyline'],
      fieldName: (f) => ({ homeSpread: 'home_spread', total: 'total', homeMoneyline: 'home_moneyline', awayMoneyline: 'away_moneyline' })[f as string] ?? String(f),
      describe: (l) => `the line of game ${l.gameId} at ${l.book} captured ${l.capturedAt.toISOString()}`,
    }),
  write: (client, rows, ctx) => writeGameLines(client, ctx.batchId, rows),
};
