import type { Pool, PoolClient } from 'pg';
import { copyRows, withPgTransaction } from '@propcast/db';
import type { PlayerGameLog, PropLineSnapshot } from '@propcast/features';

const SEASON_TYPE_BY_DIGIT: Record<string, string> = { '1': 'PRESEASON', '2': 'REGULAR', '4': 'PLAYOFFS', '5': 'PLAYIN' };

/** A game of the schedule to seed (no box score yet unless rows are seeded for it). */
export interface SeedGame {
  id: string;
  gameDate: string;
  season: string;
  homeTeamId: number;
  awayTeamId: number;
  status?: 'SCHEDULED' | 'FINAL';
  tipoffAt?: Date | null;
}

/** Season type of an NBA game id (digit 3: 1 preseason, 2 regular, 4 playoffs, 5 play-in). */
export function seasonTypeOfGameId(gameId: string): string {
  return SEASON_TYPE_BY_DIGIT[gameId[2]] ?? 'REGULAR';
}

/**
 * Inserts box scores as the ingestion service would leave them: teams, players, FINAL games (home/away from the
 * rows, scores summed) and player_game_stats via COPY. For tests and the benchmark only.
 */
export async function seedBoxScores(pool: Pool, logs: readonly PlayerGameLog[], opts: { tipoffAt?: (gameId: string, gameDate: string) => Date | null } = {}): Promise<void> {
  const games = new Map<string, SeedGame & { homeScore: number; awayScore: number }>();
  for (const l of logs) {
    let g = games.get(l.gameId);
    if (g === undefined) {
      g = {
        id: l.gameId,
        gameDate: l.gameDate,
        season: l.season,
        homeTeamId: l.isHome ? l.teamId : l.opponentTeamId,
        awayTeamId: l.isHome ? l.opponentTeamId : l.teamId,
        status: 'FINAL',
        tipoffAt: opts.tipoffAt?.(l.gameId, l.gameDate) ?? null,
        homeScore: 0,
        awayScore: 0,
      };
      games.set(l.gameId, g);
    }
    if (l.teamId === g.homeTeamId) g.homeScore += l.pts ?? 0;
    else g.awayScore += l.pts ?? 0;
  }
  const now = new Date();
  await withPgTransaction(pool, async (client) => {
    await insertTeams(
      client,
      [...games.values()].flatMap((g) => [g.homeTeamId, g.awayTeamId]),
    );
    const players = [...new Set(logs.map((l) => l.playerId))];
    await client.query(
      `INSERT INTO players (id, name, normalized_name, updated_at) SELECT id, 'Player ' || id, 'player ' || id, $2 FROM unnest($1::int[]) AS id
       ON CONFLICT (id) DO NOTHING`,
      [players, now],
    );
    await copyRows(
      client,
      'games',
      ['id', 'game_date', 'season', 'season_type', 'home_team_id', 'away_team_id', 'status', 'tipoff_at', 'home_score', 'away_score', 'batch_id', 'updated_at'],
      [...games.values()].map((g) => [g.id, g.gameDate, g.season, seasonTypeOfGameId(g.id), g.homeTeamId, g.awayTeamId, 'FINAL', g.tipoffAt ?? null, g.homeScore, g.awayScore, 'seed', now]),
    );
    await copyRows(
      client,
      'player_game_stats',
      ['player_id', 'game_id', 'game_date', 'team_id', 'opponent_team_id', 'is_home', 'dnp', 'minutes', 'pts', 'reb', 'ast', 'fg3m', 'fgm', 'fga', 'fta', 'oreb', 'tov', 'batch_id', 'updated_at'],
      logs.map((l) => [l.playerId, l.gameId, l.gameDate, l.teamId, l.opponentTeamId, l.isHome, l.dnp, l.minutes, l.pts, l.reb, l.ast, l.fg3m, l.fgm, l.fga, l.fta, l.oreb, l.tov, 'seed', now]),
    );
  });
}

/** Inserts games of the schedule (SCHEDULED unless said otherwise), creating missing teams. */
export async function seedGames(pool: Pool, games: readonly SeedGame[]): Promise<void> {
  const now = new Date();
  await withPgTransaction(pool, async (client) => {
    await insertTeams(
      client,
      games.flatMap((g) => [g.homeTeamId, g.awayTeamId]),
    );
    await copyRows(
      client,
      'games',
      ['id', 'game_date', 'season', 'season_type', 'home_team_id', 'away_team_id', 'status', 'tipoff_at', 'batch_id', 'updated_at'],
      games.map((g) => [g.id, g.gameDate, g.season, seasonTypeOfGameId(g.id), g.homeTeamId, g.awayTeamId, g.status ?? 'SCHEDULED', g.tipoffAt ?? null, 'seed', now]),
    );
  });
}

/** Inserts prop lines (the date is taken from each line's game). */
export async function seedPropLines(pool: Pool, lines: readonly PropLineSnapshot[]): Promise<void> {
  await pool.query(
    `INSERT INTO prop_lines (player_id, game_id, game_date, stat, line, book, captured_at, batch_id)
     SELECT t.p, t.g, games.game_date, t.s::"StatType", t.l, t.b, t.c, 'seed'
       FROM unnest($1::int[], $2::text[], $3::text[], $4::float8[], $5::text[], $6::timestamp[]) AS t(p, g, s, l, b, c)
       JOIN games ON games.id = t.g`,
    [
      lines.map((l) => l.playerId),
      lines.map((l) => l.gameId),
      lines.map((l) => l.stat),
      lines.map((l) => l.line),
      lines.map((l) => l.book),
      lines.map((l) => new Date(l.capturedAt).toISOString().replace('Z', '')),
    ],
  );
}

/** Corrects one box-score row as a stat correction would (and bumps its revision). */
export async function correctBoxScore(pool: Pool, playerId: number, gameId: string, patch: Partial<Record<'pts' | 'reb' | 'ast' | 'fg3m' | 'minutes', number>>): Promise<void> {
  const entries = Object.entries(patch);
  const sets = entries.map(([column], i) => `${column} = $${i + 3}`).join(', ');
  const r = await pool.query(`UPDATE player_game_stats SET ${sets}, revision = revision + 1 WHERE player_id = $1 AND game_id = $2`, [playerId, gameId, ...entries.map(([, v]) => v)]);
  if (r.rowCount !== 1) throw new Error(`no box score for player ${playerId} in game ${gameId}`);
}

async function insertTeams(client: PoolClient, ids: readonly number[]): Promise<void> {
  const unique = [...new Set(ids)];
  await client.query(
    `INSERT INTO teams (id, abbreviation, city, name, updated_at) SELECT id, 'T' || id, 'City ' || id, 'Team ' || id, now() FROM unnest($1::int[]) AS id
     ON CONFLICT (id) DO NOTHING`,
    [unique],
  );
}
