import { Client } from 'pg';
import { proxyLine } from '@propcast/prediction';
import { databaseUrlFromEnv } from '@propcast/db';

const STAT_COLUMNS: [string, string][] = [
  ['points', 'pts'],
  ['rebounds', 'reb'],
  ['assists', 'ast'],
  ['threes', 'fg3m'],
  ['pra', 'pts + reb + ast'],
];

/**
 * Proxy prop lines for the day's slate, because the data has no real lines for it: each player's
 * season average before the day, rounded to .5, priced -110 both ways, book "PROXY" (stated as proxy
 * in every output). Players: those whose latest game this season was for a team playing that day.
 * Captured at 12:00 UTC on the day, before any feature cutoff of the day.
 */
export async function buildProxyLinesCsv(day: string, season: string): Promise<string> {
  const db = new Client({ connectionString: databaseUrlFromEnv() });
  await db.connect();
  try {
    const averages = STAT_COLUMNS.map(([, expr]) => `avg(${expr})::float8`).join(', ');
    const res = await db.query<{ player_id: number; game_id: string; avgs: number[] }>(
      `WITH slate AS (
         SELECT g.id AS game_id, t.team_id FROM games g
         CROSS JOIN LATERAL (VALUES (g.home_team_id), (g.away_team_id)) AS t(team_id)
         WHERE g.game_date = $1
       ), latest AS (
         SELECT DISTINCT ON (s.player_id) s.player_id, s.team_id
         FROM player_game_stats s JOIN games g ON g.id = s.game_id
         WHERE g.season = $2 AND s.game_date < $1 AND NOT s.dnp
         ORDER BY s.player_id, s.game_date DESC
       )
       SELECT l.player_id, sl.game_id, ARRAY[${averages}] AS avgs
       FROM latest l JOIN slate sl ON sl.team_id = l.team_id
       JOIN player_game_stats s ON s.player_id = l.player_id AND s.game_date < $1 AND NOT s.dnp
       JOIN games g ON g.id = s.game_id AND g.season = $2 AND g.season_type = 'REGULAR'
       GROUP BY l.player_id, sl.game_id`,
      [day, season],
    );
    const lines = ['player_id,game_id,stat,line,over_price,under_price,book,captured_at'];
    for (const row of res.rows) {
      STAT_COLUMNS.forEach(([stat], i) => {
        const line = proxyLine(row.avgs[i]);
        if (Number.isFinite(line)) lines.push(`${row.player_id},${row.game_id},${stat},${line},-110,-110,PROXY,${day}T12:00:00Z`);
      });
    }
    if (lines.length === 1) throw new Error(`no players found for the ${day} slate: is its schedule ingested?`);
    return lines.join('\n') + '\n';
  } finally {
    await db.end();
  }
}
