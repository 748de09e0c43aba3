import type { PoolClient } from 'pg';
import { countMatchedFields } from '../formats/field-map';
import { BETMGM_FIXTURE, easternDate, PROP_FIELDS, PropMapper, type PropRow } from '../formats/props.format';
import { loadPlayerDirectory, type PlayerDirectory } from '../identity/player-directory';
import { teamById } from '../teams/nba-teams';
import { collapseDuplicates } from '../validation/duplicates';
import type { ProblemCollector } from '../validation/problems';
import { writePropLines, type PropLineRecord } from '../writers/prop-lines.writer';
import type { BatchContext, IngestKindHandler } from './ingest-kind';

/** How long before tip-off a line without any capture time is assumed captured: it then counts as the closing line, and features with an earlier cutoff never see it. */
export const ASSUMED_CAPTURE_BEFORE_TIPOFF_MS = 60_000;

interface StoredGame {
  id: string;
  gameDate: string;
  homeTeamId: number;
  awayTeamId: number;
  tipoffAt: Date | null;
}

/** The calendar day before an ISO date. */
function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The game days a row may fall on: its US date, else the UTC day of its tip-off and the day before (a late tip-off). */
function possibleGameDates(row: PropRow): string[] {
  if (row.gameDate !== null) return [row.gameDate];
  return row.tipoffUtcDate === null ? [] : [dayBefore(row.tipoffUtcDate), row.tipoffUtcDate];
}

const abbr = (id: number | null): string => (id === null ? '?' : (teamById(id)?.abbreviation ?? String(id)));

async function loadGames(client: PoolClient, rows: readonly PropRow[], ctx: BatchContext): Promise<{ byId: Map<string, StoredGame>; byDate: Map<string, StoredGame[]> }> {
  const ids = [...new Set(rows.map((r) => r.gameId).filter((id): id is string => id !== null))];
  const dates = [...new Set(rows.flatMap((r) => (r.gameId === null ? possibleGameDates(r) : [])))];
  return ctx.repositories.games.byIdOrDate(client, ids, dates);
}

function findGame(row: PropRow, games: { byId: Map<string, StoredGame>; byDate: Map<string, StoredGame[]> }, problems: ProblemCollector): StoredGame | undefined {
  if (row.gameId !== null) {
    const game = games.byId.get(row.gameId);
    if (!game) problems.add(row.row, 'game_id', `game ${row.gameId} is not stored: import the schedule first`);
    return game;
  }
  const dates = possibleGameDates(row);
  let matches = dates
    .flatMap((date) => games.byDate.get(date) ?? [])
    .filter((g) =>
      row.homeTeamId !== null && row.awayTeamId !== null ? g.homeTeamId === row.homeTeamId && g.awayTeamId === row.awayTeamId : g.homeTeamId === row.teamId || g.awayTeamId === row.teamId,
    );
  // Same teams on both candidate days (a two-game series): a near-close snapshot is taken on the game's US day.
  if (matches.length > 1 && row.capturedAt) matches = matches.filter((g) => g.gameDate === easternDate(row.capturedAt as Date));
  if (matches.length === 1) return matches[0];
  const who = row.homeTeamId !== null ? `${abbr(row.awayTeamId)} @ ${abbr(row.homeTeamId)}` : abbr(row.teamId);
  const field = row.homeTeamId !== null ? 'game' : row.gameDate !== null ? 'game_date' : 'event_date';
  const when = row.gameDate ?? `${dates.join(' or ')} (US dates of a tip-off on ${row.tipoffUtcDate} UTC)`;
  problems.add(row.row, field, `no stored game of ${who} on ${when}: import the schedule first`);
  return undefined;
}

/** The stored player a row means (its player_id, else its name matched) and how he was found; problems recorded. */
function findPlayer(row: PropRow, game: StoredGame, players: PlayerDirectory, problems: ProblemCollector): { id: number; reason: string } | undefined {
  if (row.playerId !== null) {
    if (players.knownIds.has(row.playerId)) return { id: row.playerId, reason: 'player_id' };
    problems.add(row.row, 'player_id', `player ${row.playerId} is not stored: import his box scores first`);
    return undefined;
  }
  const match = players.matcher.match(row.playerName ?? '', row.book, game, players.teamOn);
  if ('problem' in match) {
    problems.add(row.row, 'player', match.problem);
    return undefined;
  }
  return { id: match.playerId, reason: match.reason };
}

/** The capture time of a line: the feed's, else the batch's, else (feeds of pre-game snapshots without one) just before tip-off. */
function captureTime(row: PropRow, game: StoredGame, ctx: BatchContext, problems: ProblemCollector): { at: Date; assumed: boolean } | undefined {
  if (row.capturedAt) return { at: row.capturedAt, assumed: false };
  if (ctx.capturedAt) return { at: ctx.capturedAt, assumed: false };
  const tipoff = row.tipoffAt ?? game.tipoffAt;
  if (tipoff) return { at: new Date(tipoff.getTime() - ASSUMED_CAPTURE_BEFORE_TIPOFF_MS), assumed: true };
  problems.add(row.row, 'captured_at', 'is required (or give the batch a capture time: --captured-at / ?capturedAt=)');
  return undefined;
}

/** Prop lines: over/under snapshots per player, game, stat and book; players and games are matched to stored ones. */
export const propsKind: IngestKindHandler<PropRow, PropLineRecord> = {
  kind: 'PROPS',
  slug: 'props',
  dialects: [BETMGM_FIXTURE],
  scoreColumns: (columns) => countMatchedFields(columns, PROP_FIELDS),
  mapper: (columns, problems, skipped, options) => new PropMapper(columns, problems, skipped, options.stat),
  async prepare(client, rows, problems, ctx) {
    const games = await loadGames(client, rows, ctx);
    const players = await loadPlayerDirectory(
      ctx.repositories.players,
      client,
      rows.flatMap((r) => (r.playerId !== null ? [r.playerId] : [])),
      rows.flatMap((r) => (r.playerId === null && r.playerName !== null ? [r.playerName] : [])),
    );
    const lines: PropLineRecord[] = [];
    let assumed = 0;
    for (const row of rows) {
      const game = findGame(row, games, problems);
      if (!game) continue;
      const player = findPlayer(row, game, players, problems);
      const captured = captureTime(row, game, ctx, problems);
      if (player === undefined || !captured) continue;
      if (captured.assumed) assumed++;
      lines.push({
        row: row.row,
        playerId: player.id,
        matchReason: player.reason,
        feedPlayerName: row.playerId === null ? row.playerName : null,
        gameId: game.id,
        gameDate: game.gameDate,
        stat: row.stat,
        line: row.line,
        overPrice: row.overPrice,
        underPrice: row.underPrice,
        book: row.book,
        capturedAt: captured.at,
        feedTipoffAt: game.tipoffAt === null ? row.tipoffAt : null,
      });
    }
    return { rows: lines, flags: assumed > 0 ? { assumedCapturedAt: { rows: assumed, rule: `no capture time given: stamped ${ASSUMED_CAPTURE_BEFORE_TIPOFF_MS / 1000} s before tip-off` } } : {} };
  },
  collapse: (rows, problems) =>
    collapseDuplicates(rows, problems, {
      // Several lines of one book in one snapshot are its alternates (all kept); only the same line priced twice conflicts.
      key: (l) => `${l.playerId}:${l.gameId}:${l.stat}:${l.book}:${l.capturedAt.getTime()}:${l.line}`,
      fields: ['overPrice', 'underPrice'],
      fieldName: (f) => ({ overPrice: 'over_price', underPrice: 'under_price' })[f as string] ?? String(f),
      describe: (l) => `the ${l.stat} ${l.line} line of player ${l.playerId} in game ${l.gameId} at ${l.book} captured ${l.capturedAt.toISOString()}`,
    }),
  write: (client, rows, ctx) => writePropLines(client, ctx.batchId, rows),
  // A tip-off learned from the feed moves the reported_at of availability derived from those games' box scores.
  async afterWrite(client, rows, ctx) {
    const games = [...new Set(rows.filter((r) => r.feedTipoffAt !== null).map((r) => r.gameId))];
    if (games.length === 0) return {};
    const derived = await ctx.repositories.boxScoreAvailability.derive(client, ctx.batchId, games);
    return derived.inserted + derived.deleted > 0 ? { availability: derived } : {};
  },
};
