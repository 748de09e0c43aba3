import { AVAILABILITY_FIELDS, AvailabilityMapper, type AvailabilityRow } from '../formats/availability.format';
import { countMatchedFields } from '../formats/field-map';
import { matchGame, type MatchableGame } from '../games/stored-games';
import { loadPlayerDirectory, type PlayerDirectory } from '../identity/player-directory';
import { teamById } from '../teams/nba-teams';
import { collapseDuplicates } from '../validation/duplicates';
import type { ProblemCollector } from '../validation/problems';
import { writeAvailabilityReports, type AvailabilityRecord } from '../writers/availability.writer';
import type { BatchContext, IngestKindHandler } from './ingest-kind';

const FIELDS = { gameId: 'game_id', game: 'matchup', gameDate: 'game_date' };
const abbr = (id: number): string => teamById(id)?.abbreviation ?? String(id);

/** When the report was made: the row's, else the batch's (the official report's time); required, and before tip-off. */
function reportTime(row: AvailabilityRow, game: MatchableGame, ctx: BatchContext, problems: ProblemCollector): Date | undefined {
  const at = row.reportedAt ?? ctx.reportedAt ?? null;
  if (!at) {
    problems.add(row.row, 'reported_at', 'is required (or give the batch a report time: --reported-at / ?reportedAt=)');
    return undefined;
  }
  // A status reported once the game started is not pre-game information: features would never use it, so refuse it.
  const cutoff = game.tipoffAt ?? new Date(`${game.gameDate}T23:59:59Z`);
  if (at.getTime() >= cutoff.getTime()) {
    problems.add(
      row.row,
      'reported_at',
      `${at.toISOString()} is not before the game (${game.tipoffAt ? `tip-off ${cutoff.toISOString()}` : `game date ${game.gameDate}`}): a report must be made before the game`,
    );
    return undefined;
  }
  return at;
}

function findPlayer(row: AvailabilityRow, game: MatchableGame, players: PlayerDirectory, problems: ProblemCollector): { id: number; reason: string } | undefined {
  if (row.playerId !== null) {
    if (players.knownIds.has(row.playerId)) return { id: row.playerId, reason: 'player_id' };
    problems.add(row.row, 'player_id', `player ${row.playerId} is not stored: import his box scores first`);
    return undefined;
  }
  const match = players.matcher.match(row.playerName ?? '', '', game, players.teamOn);
  if ('problem' in match) {
    problems.add(row.row, 'player_name', match.problem);
    return undefined;
  }
  return { id: match.playerId, reason: match.reason };
}

/** Player status reports (the official injury report, or Propcast CSV/JSON): players and games matched to stored ones. */
export const availabilityKind: IngestKindHandler<AvailabilityRow, AvailabilityRecord> = {
  kind: 'AVAILABILITY',
  slug: 'availability',
  dialects: [],
  scoreColumns: (columns) => countMatchedFields(columns, AVAILABILITY_FIELDS),
  mapper: (columns, problems) => new AvailabilityMapper(columns, problems),
  async prepare(client, rows, problems, ctx) {
    const games = await ctx.repositories.games.byIdOrDate(
      client,
      rows.flatMap((r) => (r.gameId ? [r.gameId] : [])),
      rows.flatMap((r) => (r.gameId === null && r.gameDate ? [r.gameDate] : [])),
    );
    const players = await loadPlayerDirectory(
      ctx.repositories.players,
      client,
      rows.flatMap((r) => (r.playerId !== null ? [r.playerId] : [])),
      rows.flatMap((r) => (r.playerId === null && r.playerName ? [r.playerName] : [])),
    );
    const reports: AvailabilityRecord[] = [];
    for (const row of rows) {
      const game = matchGame({ ...row, teamId: row.teamId }, games, problems, FIELDS);
      if (!game) continue;
      if (row.teamId !== game.homeTeamId && row.teamId !== game.awayTeamId) {
        problems.add(row.row, 'team', `${abbr(row.teamId as number)} does not play game ${game.id} (${abbr(game.awayTeamId)} @ ${abbr(game.homeTeamId)})`);
        continue;
      }
      const player = findPlayer(row, { ...game }, players, problems);
      const at = reportTime(row, game, ctx, problems);
      if (!player || !at) continue;
      reports.push({
        row: row.row,
        playerId: player.id,
        teamId: row.teamId as number,
        gameId: game.id,
        gameDate: game.gameDate,
        status: row.status,
        reason: row.reason,
        reportedAt: at,
        matchReason: player.reason,
      });
    }
    return { rows: reports, flags: {} };
  },
  collapse: (rows, problems) =>
    collapseDuplicates(rows, problems, {
      key: (r) => `${r.playerId}:${r.gameId}:${r.reportedAt.getTime()}`,
      fields: ['status', 'reason', 'teamId'],
      fieldName: (f) => ({ status: 'current_status', reason: 'reason', teamId: 'team' })[f as string] ?? String(f),
      describe: (r) => `the report of player ${r.playerId} for game ${r.gameId} at ${r.reportedAt.toISOString()}`,
    }),
  write: (client, rows, ctx) => writeAvailabilityReports(client, ctx.batchId, rows),
};
