import type { Pool } from 'pg';
import type { StatType } from '@propcast/contracts';

/** The prediction that serves a player-game: its model, predicted mean and where it is stored. */
export interface ServingPrediction {
  id: string;
  playerId: number;
  playerName: string | null;
  gameId: string;
  gameDate: string;
  stat: StatType;
  modelId: string;
  modelVersion: number;
  predictedMean: number;
}

/** Finds the serving prediction of a player's stat on a date or in a game. */
export class ServingPredictionRepository {
  constructor(private readonly pool: Pool) {}

  /**
   * The prediction of the date's latest batch attempt that served `playerId`'s `stat` (primary or challenger, never
   * a shadow); null when none was made.
   */
  async find(query: { playerId: number; stat: StatType; date?: string; gameId?: string }): Promise<ServingPrediction | null> {
    const r = await this.pool.query<[string, number, string | null, string, string, StatType, string, number, number]>({
      text: `SELECT p.id::text, p.player_id, pl.name, p.game_id, p.game_date::text, p.stat, p.model_id, p.model_version, p.predicted_mean
               FROM predictions p
               LEFT JOIN prediction_batches b ON b.id = p.batch_id
               LEFT JOIN players pl ON pl.id = p.player_id
              WHERE p.player_id = $1 AND p.stat = $2::"StatType" AND p.role <> 'SHADOW'
                AND ($3::date IS NULL OR p.game_date = $3::date)
                AND ($4::text IS NULL OR p.game_id = $4)
              ORDER BY b.attempt DESC NULLS LAST, (p.role = 'PRIMARY') DESC, p.id DESC
              LIMIT 1`,
      values: [query.playerId, query.stat, query.date ?? null, query.gameId ?? null],
      rowMode: 'array',
    });
    if (r.rows.length === 0) return null;
    const [id, playerId, playerName, gameId, gameDate, stat, modelId, modelVersion, predictedMean] = r.rows[0];
    return { id, playerId, playerName, gameId, gameDate, stat, modelId, modelVersion, predictedMean };
  }
}
