import type { Pool } from 'pg';
import { decodeFeatureValues, type FeatureSet, type PropStat } from '@propcast/features';
import type { FeatureRowRepository } from '../storage/feature-row.repository';
import { groupDatesByRows } from '../storage/date-batches';

/** One played player-game of a training set: its stored feature vector and what actually happened. */
export interface TrainingRow {
  playerId: number;
  gameId: string;
  gameDate: string;
  season: string;
  minutes: number;
  /** Observed value of each prop market; null when a part is unknown in the box score. */
  targets: Record<PropStat, number | null>;
  /** In the feature set's order; NaN = missing. */
  values: Float32Array;
}

/** Dates and batch size of a dataset read. */
export interface TrainingRowQuery {
  /** Inclusive `YYYY-MM-DD` bounds; open when omitted. */
  from?: string;
  to?: string;
  /** Rows fetched per round trip (default 20,000). */
  batchRows?: number;
}

type Cell = [number, string, string, string, number, number | null, number | null, number | null, number | null, Buffer];

/** Reads stored feature rows joined with their box scores (played games only): the trainer's datasets. */
export class TrainingRowReader {
  constructor(
    private readonly pool: Pool,
    private readonly rows: FeatureRowRepository,
    private readonly featureSet: FeatureSet,
  ) {}

  /** Streams played player-games of [from, to] ordered by date, game and player. */
  async *stream(query: TrainingRowQuery = {}): AsyncGenerator<TrainingRow> {
    const counts = await this.rows.countByDate(this.featureSet.id, query.from, query.to);
    const n = this.featureSet.featureNames.length;
    for (const range of groupDatesByRows(counts, query.batchRows ?? 20_000)) {
      const r = await this.pool.query<Cell>({
        text: `SELECT f.player_id, f.game_id, f.game_date, g.season, s.minutes, s.pts, s.reb, s.ast, s.fg3m, f."values"
                 FROM feature_rows f
                 JOIN player_game_stats s ON s.player_id = f.player_id AND s.game_id = f.game_id
                 JOIN games g ON g.id = f.game_id
                WHERE f.feature_set_id = $1 AND f.game_date BETWEEN $2 AND $3 AND NOT s.dnp AND s.minutes > 0
                ORDER BY f.game_date, f.game_id, f.player_id`,
        values: [this.featureSet.id, range.from, range.to],
        rowMode: 'array',
      });
      for (const [playerId, gameId, gameDate, season, minutes, pts, reb, ast, fg3m, values] of r.rows) {
        const pra = pts === null || reb === null || ast === null ? null : pts + reb + ast;
        yield { playerId, gameId, gameDate, season, minutes, targets: { POINTS: pts, REBOUNDS: reb, ASSISTS: ast, THREES: fg3m, PRA: pra }, values: decodeFeatureValues(values, n) };
      }
    }
  }
}
