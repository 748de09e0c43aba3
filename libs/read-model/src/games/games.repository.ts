import type { Pool } from 'pg';
import type { GameView } from '../picks/pick.types';

/** A game with what the read side knows about it on its date. */
export interface GameSummary extends GameView {
  /** Stored predictions of the game (every book, latest attempt, shadows excluded). */
  predictions: number;
  /** Distinct props (player, stat) that have a line. */
  pricedProps: number;
  /** Line snapshots stored for the game: real books and PROXY ones apart. */
  realLines: number;
  proxyLines: number;
  /** Players with a box score (the game has been played when > 0). */
  boxScores: number;
}

type GameCells = [string, string, 'SCHEDULED' | 'FINAL', Date | null, number, number, string | null, string | null, number | null, number | null];

/** SQL of games and teams. */
export class GamesRepository {
  constructor(private readonly pool: Pool) {}

  /** The games of a date, by tip-off then id. */
  async ofDate(date: string): Promise<GameView[]> {
    const r = await this.pool.query<GameCells>({
      text: `SELECT g.id, g.game_date::text, g.status, g.tipoff_at, g.home_team_id, g.away_team_id, ht.abbreviation, at.abbreviation, g.home_score, g.away_score
               FROM games g
               LEFT JOIN teams ht ON ht.id = g.home_team_id
               LEFT JOIN teams at ON at.id = g.away_team_id
              WHERE g.game_date = $1::date
              ORDER BY g.tipoff_at NULLS LAST, g.id`,
      values: [date],
      rowMode: 'array',
    });
    return r.rows.map(([id, gameDate, status, tipoffAt, homeTeamId, awayTeamId, home, away, homeScore, awayScore]) => ({
      id,
      gameDate,
      status,
      tipoffAt: tipoffAt ? tipoffAt.toISOString() : null,
      homeTeamId,
      awayTeamId,
      homeTeam: home ?? String(homeTeamId),
      awayTeam: away ?? String(awayTeamId),
      homeScore,
      awayScore,
    }));
  }

  /** The games of a date with their prediction, line and box-score counts. */
  async summariesOfDate(date: string): Promise<GameSummary[]> {
    const games = await this.ofDate(date);
    if (games.length === 0) return [];
    const r = await this.pool.query<{ game_id: string; predictions: number; priced_props: number; real_lines: number; proxy_lines: number; box_scores: number }>(
      `WITH latest AS (
         SELECT p.game_id, p.player_id, p.stat, p.line,
                COALESCE(b.attempt, -1) AS attempt, max(COALESCE(b.attempt, -1)) OVER (PARTITION BY p.player_id, p.game_id, p.stat) AS newest
           FROM predictions p LEFT JOIN prediction_batches b ON b.id = p.batch_id
          WHERE p.game_date = $1::date AND p.role <> 'SHADOW')
       SELECT g.id AS game_id,
              (SELECT count(*)::int FROM latest l WHERE l.game_id = g.id AND l.attempt = l.newest) AS predictions,
              (SELECT count(DISTINCT (l.player_id, l.stat))::int FROM latest l WHERE l.game_id = g.id AND l.attempt = l.newest AND l.line IS NOT NULL) AS priced_props,
              (SELECT count(*)::int FROM prop_lines x WHERE x.game_date = $1::date AND x.game_id = g.id AND upper(x.book) <> 'PROXY') AS real_lines,
              (SELECT count(*)::int FROM prop_lines x WHERE x.game_date = $1::date AND x.game_id = g.id AND upper(x.book) = 'PROXY') AS proxy_lines,
              (SELECT count(*)::int FROM player_game_stats s WHERE s.game_id = g.id) AS box_scores
         FROM games g WHERE g.game_date = $1::date`,
      [date],
    );
    const counts = new Map(r.rows.map((x) => [x.game_id, x]));
    return games.map((g) => {
      const c = counts.get(g.id);
      return { ...g, predictions: c?.predictions ?? 0, pricedProps: c?.priced_props ?? 0, realLines: c?.real_lines ?? 0, proxyLines: c?.proxy_lines ?? 0, boxScores: c?.box_scores ?? 0 };
    });
  }

  /** Abbreviations of every team, by id. */
  async teamNames(): Promise<Map<number, string>> {
    const r = await this.pool.query<{ id: number; abbreviation: string }>('SELECT id, abbreviation FROM teams');
    return new Map(r.rows.map((t) => [t.id, t.abbreviation]));
  }
}
