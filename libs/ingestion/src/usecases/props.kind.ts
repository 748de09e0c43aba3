import type { PoolClient } from 'pg';
import { countMatchedFields } from '../formats/field-map';
import { normalizePlayerName } from '../formats/player-names';
import { BETMGM_FIXTURE, easternDate, PROP_FIELDS, PropMapper, type PropRow } from '../formats/props.format';
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

interface Candidate {
  id: number;
  lastTeamId: number | null;
  /** Namesakes only: the player's stored games (date, team), oldest first, to find his team on a game's date. */
  history?: { date: string; teamId: number }[];
}

/** The team a candidate played for on `date`: his latest stored game on or before it, else his first one, else his last. */
function teamOn(c: Candidate, date: string): number | null {
  const h = c.history ?? [];
  let team: number | null = h.length > 0 ? h[0].teamId : c.lastTeamId;
  for (const g of h) {
    if (g.date > date) break;
    team = g.teamId;
  }
  return team;
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

async function loadGames(client: PoolClient, rows: readonly PropRow[]): Promise<{ byId: Map<string, StoredGame>; byDate: Map<string, StoredGame[]> }> {
  const ids = [...new Set(rows.map((r) => r.gameId).filter((id): id is string => id !== null))];
  const dates = [...new Set(rows.flatMap((r) => (r.gameId === null ? possibleGameDates(r) : [])))];
  const result = await client.query<{ id: string; game_date: string; home_team_id: number; away_team_id: number; tipoff_at: string | null }>(
    `SELECT id, game_date::text AS game_date, home_team_id, away_team_id, to_char(tipoff_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS tipoff_at
     FROM games WHERE id = ANY($1::text[]) OR game_date = ANY($2::date[])`,
    [ids, dates],
  );
  const byId = new Map<string, StoredGame>();
  const byDate = new Map<string, StoredGame[]>();
  for (const g of result.rows) {
    const game = { id: g.id, gameDate: g.game_date, homeTeamId: g.home_team_id, awayTeamId: g.away_team_id, tipoffAt: g.tipoff_at ? new Date(g.tipoff_at) : null };
    byId.set(game.id, game);
    byDate.set(game.gameDate, [...(byDate.get(game.gameDate) ?? []), game]);
  }
  return { byId, byDate };
}

/** Stored players by id, and by normalized name with the teams they played for (to tell namesakes apart by the team on the game's date). */
async function loadPlayers(client: PoolClient, rows: readonly PropRow[]): Promise<{ ids: Set<number>; byName: Map<string, Candidate[]> }> {
  const ids = [...new Set(rows.map((r) => r.playerId).filter((id): id is number => id !== null))];
  const names = [...new Set(rows.flatMap((r) => (r.playerId === null && r.playerName !== null ? [normalizePlayerName(r.playerName)] : [])))];
  const known = await client.query<{ id: number }>(`SELECT id FROM players WHERE id = ANY($1::int[])`, [ids]);
  const named = await client.query<{ id: number; normalized_name: string; last_team_id: number | null }>(
    `SELECT p.id, p.normalized_name,
            (SELECT s.team_id FROM player_game_stats s WHERE s.player_id = p.id ORDER BY s.game_date DESC LIMIT 1) AS last_team_id
     FROM players p WHERE p.normalized_name = ANY($1::text[])`,
    [names],
  );
  const byName = new Map<string, Candidate[]>();
  for (const p of named.rows) byName.set(p.normalized_name, [...(byName.get(p.normalized_name) ?? []), { id: p.id, lastTeamId: p.last_team_id }]);
  const namesakes = [...byName.values()].filter((c) => c.length > 1).flat();
  if (namesakes.length > 0) {
    const games = await client.query<{ player_id: number; game_date: string; team_id: number }>(
      `SELECT player_id, game_date::text AS game_date, team_id FROM player_game_stats WHERE player_id = ANY($1::int[]) AND game_date IS NOT NULL ORDER BY player_id, game_date`,
      [namesakes.map((c) => c.id)],
    );
    const byId = new Map(namesakes.map((c) => [c.id, c]));
    for (const g of games.rows) {
      const c = byId.get(g.player_id) as Candidate;
      (c.history ??= []).push({ date: g.game_date, teamId: g.team_id });
    }
  }
  return { ids: new Set(known.rows.map((r) => r.id)), byName };
}

function findGame(row: PropRow, games: { byId: Map<string, StoredGame>; byDate: Map<string, StoredGame[]> }, problems: ProblemCollector): StoredGame | undefined {
  if (row.gameId !== null) {
    const game = games.byId.get(row.gameId);
    if (!game) problems.add(row.row, 'game_id', `game ${row.gameId} is not stored: import the schedule first`);
    return game;
  }
  const dates = possibleGameDates(row);
  let matches = dates.flatMap((date) => games.byDate.get(date) ?? []).filter((g) =>
    row.homeTeamId !== null && row.awayTeamId !== null
      ? g.homeTeamId === row.homeTeamId && g.awayTeamId === row.awayTeamId
      : g.homeTeamId === row.teamId || g.awayTeamId === row.teamId,
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

function findPlayer(row: PropRow, game: StoredGame, players: { ids: Set<number>; byName: Map<string, Candidate[]> }, problems: ProblemCollector): number | undefined {
  if (row.playerId !== null) {
    if (players.ids.has(row.playerId)) return row.playerId;
    problems.add(row.row, 'player_id', `player ${row.playerId} is not stored: import his box scores first`);
    return undefined;
  }
  const candidates = players.byName.get(normalizePlayerName(row.playerName ?? '')) ?? [];
  const plays = (team: number | null): boolean => team === game.homeTeamId || team === game.awayTeamId;
  const inGame = candidates.length > 1 ? candidates.filter((c) => plays(teamOn(c, game.gameDate))) : candidates;
  if (inGame.length === 1) return inGame[0].id;
  problems.add(
    row.row,
    'player',
    candidates.length === 0
      ? `no stored player is named ${JSON.stringify(row.playerName)}`
      : `${JSON.stringify(row.playerName)} matches ${candidates.length} players (${candidates.map((c) => c.id).join(', ')}); give player_id`,
  );
  return undefined;
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
    const games = await loadGames(client, rows);
    const players = await loadPlayers(client, rows);
    const lines: PropLineRecord[] = [];
    let assumed = 0;
    for (const row of rows) {
      const game = findGame(row, games, problems);
      if (!game) continue;
      const playerId = findPlayer(row, game, players, problems);
      const captured = captureTime(row, game, ctx, problems);
      if (playerId === undefined || !captured) continue;
      if (captured.assumed) assumed++;
      lines.push({ row: row.row, playerId, gameId: game.id, gameDate: game.gameDate, stat: row.stat, line: row.line, overPrice: row.overPrice, underPrice: row.underPrice, book: row.book, capturedAt: captured.at, feedTipoffAt: game.tipoffAt === null ? row.tipoffAt : null });
    }
    return { rows: lines, flags: assumed > 0 ? { assumedCapturedAt: { rows: assumed, rule: `no capture time given: stamped ${ASSUMED_CAPTURE_BEFORE_TIPOFF_MS / 1000} s before tip-off` } } : {} };
  },
  collapse: (rows, problems) =>
    collapseDuplicates(rows, problems, {
      key: (l) => `${l.playerId}:${l.gameId}:${l.stat}:${l.book}:${l.capturedAt.getTime()}`,
      fields: ['line', 'overPrice', 'underPrice'],
      fieldName: (f) => ({ line: 'line', overPrice: 'over_price', underPrice: 'under_price' })[f as string] ?? String(f),
      describe: (l) => `the ${l.stat} line of player ${l.playerId} in game ${l.gameId} at ${l.book} captured ${l.capturedAt.toISOString()}`,
    }),
  write: (client, rows, ctx) => writePropLines(client, ctx.batchId, rows),
};
