import type { Pool } from 'pg';
import type { AvailabilityReport, AvailabilityStatus, GameLineSnapshot, PlayerGameLog, PropLineSnapshot, PropStat } from '@propcast/features';
import { emptyBundle, type DateBundle, type GameStatus, type ScheduleGame } from './history.types';

type Cell = string | number | boolean | null;

const STATS_SQL = `
  SELECT s.player_id, s.game_id, s.game_date, g.season, s.team_id, s.opponent_team_id, s.is_home, s.dnp, s.minutes,
         s.pts, s.reb, s.ast, s.fg3m, s.fgm, s.fga, s.fta, s.oreb, s.tov, s.started
    FROM player_game_stats s JOIN games g ON g.id = s.game_id
   WHERE s.game_date BETWEEN $1 AND $2
   ORDER BY s.game_date, s.game_id, s.team_id, s.player_id`;

const GAMES_SQL = `
  SELECT id, game_date, season, home_team_id, away_team_id, status, (extract(epoch FROM tipoff_at) * 1000)::float8
    FROM games WHERE game_date BETWEEN $1 AND $2 ORDER BY game_date, id`;

const LINES_SQL = `
  SELECT player_id, game_id, game_date, stat, line, (extract(epoch FROM captured_at) * 1000)::float8, book
    FROM prop_lines WHERE game_date BETWEEN $1 AND $2 AND is_main ORDER BY game_date, game_id, player_id, captured_at, book`;

const AVAILABILITY_SQL = `
  SELECT player_id, team_id, game_id, game_date, status, (extract(epoch FROM reported_at) * 1000)::float8
    FROM availability_reports WHERE game_date BETWEEN $1 AND $2 ORDER BY game_date, game_id, team_id, player_id, reported_at, source`;

// Spread and total only: the final scores a game-lines feed carries are results, never features.
const GAME_LINES_SQL = `
  SELECT game_id, game_date, book, home_spread, total, (extract(epoch FROM captured_at) * 1000)::float8
    FROM game_lines WHERE game_date BETWEEN $1 AND $2 ORDER BY game_date, game_id, captured_at, book`;

/** Reads what the pipeline needs from the ingested tables: box scores, the schedule and prop lines. */
export class HistoryRepository {
  constructor(private readonly pool: Pool) {}

  /** First and last date having box-score rows, or null when there are none. */
  async statsSpan(): Promise<{ first: string; last: string } | null> {
    const r = await this.pool.query<{ first: string | null; last: string | null }>('SELECT min(game_date) AS first, max(game_date) AS last FROM player_game_stats');
    const { first, last } = r.rows[0];
    return first === null || last === null ? null : { first, last };
  }

  /** Ascending dates having box-score rows in [from, to]. */
  async statsDates(from: string, to: string): Promise<string[]> {
    const r = await this.pool.query<{ d: string }>('SELECT DISTINCT game_date AS d FROM player_game_stats WHERE game_date BETWEEN $1 AND $2 ORDER BY 1', [from, to]);
    return r.rows.map((row) => row.d);
  }

  /** Ascending dates in [from, to] having a SCHEDULED game without any box-score row. */
  async scheduledDates(from: string, to: string): Promise<string[]> {
    const r = await this.pool.query<{ d: string }>(
      `SELECT DISTINCT g.game_date AS d FROM games g
        WHERE g.status = 'SCHEDULED' AND g.game_date BETWEEN $1 AND $2
          AND NOT EXISTS (SELECT 1 FROM player_game_stats s WHERE s.game_id = g.id)
        ORDER BY 1`,
      [from, to],
    );
    return r.rows.map((row) => row.d);
  }

  /** The games of `gameDate` an availability import reported on (what its reports can change). */
  async availabilityBatchGames(batchId: string, gameDate: string): Promise<string[]> {
    const r = await this.pool.query<{ game_id: string }>('SELECT DISTINCT game_id FROM availability_reports WHERE batch_id = $1 AND game_date = $2::date ORDER BY game_id', [batchId, gameDate]);
    return r.rows.map((row) => row.game_id);
  }

  /** Number of box-score rows in [from, to] (a backfill writes about that many feature rows). */
  async countStats(from: string, to: string): Promise<number> {
    const r = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM player_game_stats WHERE game_date BETWEEN $1 AND $2', [from, to]);
    return Number(r.rows[0].n);
  }

  /**
   * Games, box scores and (when `withLines`) prop lines of [from, to], grouped by date in ascending order; with
   * `withContext` also availability reports and game lines (feature sets that read them); with `onlyGames` those three
   * of the given games only.
   */
  async readBundles(from: string, to: string, withLines: boolean, withContext = false, onlyGames?: readonly string[]): Promise<Map<string, DateBundle>> {
    const query = (text: string) => this.pool.query<Cell[]>({ text, values: [from, to], rowMode: 'array' });
    // With `onlyGames`, the per-game inputs (lines, reports, game lines) of those games only: a date's line snapshots
    // can be tens of thousands of rows on a live day, and a game's targets read only their own game's.
    const ofGames = (text: string) =>
      onlyGames === undefined
        ? query(text)
        : this.pool.query<Cell[]>({ text: text.replace('BETWEEN $1 AND $2', 'BETWEEN $1 AND $2 AND game_id = ANY($3::text[])'), values: [from, to, onlyGames], rowMode: 'array' });
    const [games, stats, lines, availability, gameLines] = await Promise.all([
      query(GAMES_SQL),
      query(STATS_SQL),
      withLines ? ofGames(LINES_SQL) : null,
      withContext ? ofGames(AVAILABILITY_SQL) : null,
      withContext ? ofGames(GAME_LINES_SQL) : null,
    ]);
    const bundles = new Map<string, DateBundle>();
    const bundle = (date: string): DateBundle => {
      let b = bundles.get(date);
      if (b === undefined) {
        b = emptyBundle(date);
        bundles.set(date, b);
      }
      return b;
    };
    for (const row of games.rows) bundle(row[1] as string).games.push(toScheduleGame(row));
    for (const row of stats.rows) bundle(row[2] as string).playerLogs.push(toPlayerLog(row));
    for (const row of lines?.rows ?? []) bundle(row[2] as string).lines.push(toLine(row));
    for (const row of availability?.rows ?? []) bundle(row[3] as string).availability.push(toReport(row));
    for (const row of gameLines?.rows ?? []) bundle(row[1] as string).gameLines.push(toGameLine(row));
    return new Map([...bundles.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}

function toScheduleGame(r: Cell[]): ScheduleGame {
  return {
    id: r[0] as string,
    gameDate: r[1] as string,
    season: r[2] as string,
    homeTeamId: r[3] as number,
    awayTeamId: r[4] as number,
    status: r[5] as GameStatus,
    tipoffAt: r[6] === null ? null : new Date(r[6] as number),
  };
}

function toPlayerLog(r: Cell[]): PlayerGameLog {
  return {
    playerId: r[0] as number,
    gameId: r[1] as string,
    gameDate: r[2] as string,
    season: r[3] as string,
    teamId: r[4] as number,
    opponentTeamId: r[5] as number,
    isHome: r[6] as boolean,
    dnp: r[7] as boolean,
    minutes: r[8] as number,
    pts: r[9] as number | null,
    reb: r[10] as number | null,
    ast: r[11] as number | null,
    fg3m: r[12] as number | null,
    fgm: r[13] as number | null,
    fga: r[14] as number | null,
    fta: r[15] as number | null,
    oreb: r[16] as number | null,
    tov: r[17] as number | null,
    // null: the source did not say who started (unknown, not bench)
    started: r[18] === null ? undefined : (r[18] as boolean),
  };
}

function toReport(r: Cell[]): AvailabilityReport {
  return { playerId: r[0] as number, teamId: r[1] as number, gameId: r[2] as string, status: r[4] as AvailabilityStatus, reportedAt: new Date(r[5] as number) };
}

function toGameLine(r: Cell[]): GameLineSnapshot {
  return { gameId: r[0] as string, book: r[2] as string, homeSpread: r[3] as number | null, total: r[4] as number | null, capturedAt: new Date(r[5] as number) };
}

function toLine(r: Cell[]): PropLineSnapshot {
  return {
    playerId: r[0] as number,
    gameId: r[1] as string,
    stat: r[3] as PropStat,
    line: r[4] as number,
    capturedAt: new Date(r[5] as number),
    book: r[6] as string,
  };
}
