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
      // One pass per table grouped by game (not a subquery per game): a 10,000-prediction day stays a few ms.
      `WITH latest AS (
         SELECT p.game_id, p.player_id, p.stat, p.line,
                COALESCE(b.attempt, -1) AS attempt, max(COALESCE(b.attempt, -1)) OVER (PARTITION BY p.player_id, p.game_id, p.stat) AS newest
           FROM predictions p LEFT JOIN prediction_batches b ON b.id = p.batch_id
          WHERE p.game_date = $1::date AND p.role <> 'SHADOW'),
       preds AS (
         SELECT game_id, count(*)::int AS predictions, count(DISTINCT (player_id, stat)) FILTER (WHERE line IS NOT NULL)::int AS priced_props
           FROM latest WHERE attempt = newest GROUP BY game_id),
       lines AS (
         SELECT game_id, count(*) FILTER (WHERE upper(book) <> 'PROXY')::int AS real_lines, count(*) FILTER (WHERE upper(book) = 'PROXY')::int AS proxy_lines
           FROM prop_lines WHERE game_date = $1::date GROUP BY game_id),
       box AS (
         SELECT s.game_id, count(*)::int AS box_scores
           FROM player_game_stats s WHERE s.game_id IN (SELECT id FROM games WHERE game_date = $1::date) GROUP BY s.game_id)
       SELECT g.id AS game_id, COALESCE(p.predictions, 0) AS predictions, COALESCE(p.priced_props, 0) AS priced_props,
              COALESCE(l.real_lines, 0) AS real_lines, COALESCE(l.proxy_lines, 0) AS proxy_lines, COALESCE(b.box_scores, 0) AS box_scores
         FROM games g
         LEFT JOIN preds p ON p.game_id = g.id
         LEFT JOIN lines l ON l.game_id = g.id
         LEFT JOIN box b ON b.game_id = g.id
        WHERE g.game_date = $1::date`,
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
