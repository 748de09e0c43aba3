import type { Pool } from 'pg';
import type { StatType } from '@propcast/contracts';
import type { Side } from '@propcast/prediction';
import type { NewBet, StoredBet } from './bet.types';

/** Filters of the bet log (dates inclusive). */
export interface BetFilters {
  id?: string;
  from?: string;
  to?: string;
}

/** The first 16 cells of a bet row (the bet as taken) and the rest (note, the game's result, the closing line). */
type BetHead = [string, number, string | null, string, string, StatType, Side, number, number, number, string, Date, string | null, string | null, number | null, number | null];
type BetTail = [string | null, boolean, boolean | null, number | null, number | null, number | null, number | null, number | null, number | null, number | null, number | null, Date | null];
type BetCells = [...BetHead, ...BetTail];

/** SQL of the bet log: the only table the read side writes. */
export class BetsRepository {
  constructor(private readonly pool: Pool) {}

  /** Stores a bet; returns its id. */
  async insert(bet: NewBet): Promise<string> {
    const r = await this.pool.query<{ id: string }>(
      `INSERT INTO bets (player_id, game_id, game_date, stat, side, line, price, stake, book, taken_at, prediction_id, model_id, model_probability,
                         model_expected_value, note)
       VALUES ($1, $2, $3::date, $4::"StatType", $5::"BetSide", $6, $7, $8, $9, $10, $11::bigint, $12, $13, $14, $15)
       RETURNING id::text`,
      [
        bet.playerId,
        bet.gameId,
        bet.gameDate,
        bet.stat,
        bet.side,
        bet.line,
        bet.price,
        bet.stake,
        bet.book,
        bet.takenAt,
        bet.predictionId,
        bet.modelId,
        bet.modelProbability,
        bet.modelExpectedValue,
        bet.note,
      ],
    );
    return r.rows[0].id;
  }

  /** Bets with their game's box score and the same book's closing line, by game date then time taken. */
  async list(filters: BetFilters): Promise<StoredBet[]> {
    const r = await this.pool.query<BetCells>({
      text: `SELECT b.id::text, b.player_id, pl.name, b.game_id, b.game_date::text, b.stat, b.side, b.line, b.price, b.stake, b.book, b.taken_at,
                    b.prediction_id::text, b.model_id, b.model_probability, b.model_expected_value, b.note,
                    (g.status = 'FINAL' OR EXISTS (SELECT 1 FROM player_game_stats x WHERE x.game_id = b.game_id)) AS game_over,
                    s.dnp, s.minutes, s.pts, s.reb, s.ast, s.fg3m,
                    c.line, c.over_price, c.under_price, c.captured_at
               FROM bets b
               LEFT JOIN players pl ON pl.id = b.player_id
               LEFT JOIN games g ON g.id = b.game_id
               LEFT JOIN player_game_stats s ON s.player_id = b.player_id AND s.game_id = b.game_id
               LEFT JOIN LATERAL (
                 SELECT l.line, l.over_price, l.under_price, l.captured_at FROM prop_lines l
                  WHERE l.player_id = b.player_id AND l.game_id = b.game_id AND l.stat = b.stat AND lower(l.book) = lower(b.book)
                    AND l.captured_at > b.taken_at AND (g.tipoff_at IS NULL OR l.captured_at < g.tipoff_at)
                  ORDER BY l.captured_at DESC LIMIT 1) c ON true
              WHERE ($1::bigint IS NULL OR b.id = $1::bigint)
                AND ($2::date IS NULL OR b.game_date >= $2::date)
                AND ($3::date IS NULL OR b.game_date <= $3::date)
              ORDER BY b.game_date, b.taken_at, b.id`,
      values: [filters.id ?? null, filters.from ?? null, filters.to ?? null],
      rowMode: 'array',
    });
    return r.rows.map((c) => {
      const [id, playerId, playerName, gameId, gameDate, stat, side, line, price, stake, book, takenAt, predictionId, modelId, modelProbability, modelExpectedValue] = c;
      const [note, gameOver, dnp, minutes, pts, reb, ast, fg3m, closeLine, closeOver, closeUnder, closeAt] = c.slice(16) as BetTail;
      return {
        id,
        playerId,
        playerName,
        gameId,
        gameDate,
        stat,
        side,
        line,
        price,
        stake,
        book,
        takenAt: takenAt.toISOString(),
        predictionId,
        modelId,
        modelProbability,
        modelExpectedValue,
        note,
        gameOver: gameOver === true,
        box: dnp === null ? null : { dnp, minutes: minutes ?? 0, pts, reb, ast, fg3m },
        closing: closeLine === null || closeAt === null ? null : { line: closeLine, overPrice: closeOver, underPrice: closeUnder, capturedAt: closeAt.toISOString() },
      };
    });
  }

  /** The date of a game; null when the game is unknown. */
  async gameDate(gameId: string): Promise<string | null> {
    const r = await this.pool.query<{ game_date: string }>('SELECT game_date::text FROM games WHERE id = $1', [gameId]);
    return r.rows[0]?.game_date ?? null;
  }

  /** Games of a player on a date, as his predictions and prop lines name them. */
  async playerGamesOn(playerId: number, date: string): Promise<string[]> {
    const r = await this.pool.query<{ game_id: string }>(
      `SELECT game_id FROM predictions WHERE player_id = $1 AND game_date = $2::date
        UNION SELECT game_id FROM prop_lines WHERE player_id = $1 AND game_date = $2::date
        UNION SELECT game_id FROM player_game_stats WHERE player_id = $1 AND game_date = $2::date`,
      [playerId, date],
    );
    return r.rows.map((x) => x.game_id).sort();
  }

  /** True when the player is known. */
  async playerExists(playerId: number): Promise<boolean> {
    return ((await this.pool.query('SELECT 1 FROM players WHERE id = $1', [playerId])).rowCount ?? 0) > 0;
  }
}
