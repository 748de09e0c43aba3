import type { Pool } from 'pg';
import type { StatType } from '@propcast/contracts';
import type { CombinerFitRow, MarketCombiner } from '@propcast/prediction';
import { PROXY_BOOK } from '../grading/summarise-grades';

/** Reads what a market combination is fitted on, and stores fitted combinations (market_combiners). */
export class MarketCombinerStore {
  constructor(private readonly pool: Pool) {}

  /**
   * The model's graded predictions at a real book's line with both prices, dated before `before`, that ended over or
   * under (pushes and voids do not fit). The model's own P(over | no push): model_over_probability where the row was
   * combined, else over_probability, over the two outcomes' share. The other books' consensus the row was priced
   * with comes along (null before it was stored: that row's consensus term is zero).
   */
  async gradedRealPriced(modelId: string, before: string): Promise<CombinerFitRow[]> {
    const r = await this.pool.query<{ game_date: string; book: string; model_over: number; market_over: number; consensus_over: number | null; line: number; mean: number; outcome: 'OVER' | 'UNDER' }>(
      `SELECT p.game_date::text AS game_date, p.book, COALESCE(p.model_over_probability, p.over_probability) AS model_over,
              p.market_over_probability AS market_over, p.consensus_over_probability AS consensus_over, p.line, p.predicted_mean AS mean, g.outcome::text AS outcome
         FROM predictions p JOIN grades g ON g.prediction_id = p.id
        WHERE p.model_id = $1 AND p.game_date < $2::date AND p.book <> '' AND upper(p.book) <> $3
          AND p.line IS NOT NULL AND p.over_price IS NOT NULL AND p.under_price IS NOT NULL
          AND p.market_over_probability IS NOT NULL AND COALESCE(p.model_over_probability, p.over_probability) IS NOT NULL
          AND g.outcome IN ('OVER', 'UNDER')
        ORDER BY p.game_date, p.id`,
      [modelId, before, PROXY_BOOK],
    );
    return r.rows.map((x) => ({
      gameDate: x.game_date,
      book: x.book,
      modelOver: x.model_over,
      marketOver: x.market_over,
      consensusOver: x.consensus_over,
      line: x.line,
      mean: x.mean,
      over: x.outcome === 'OVER' ? 1 : 0,
    }));
  }

  /** Stores a fitted combination of the model (one per model and asOf: refitting the same day replaces it); returns its id. */
  async save(modelId: string, stat: StatType, combiner: MarketCombiner, source: string): Promise<string> {
    const { fit, coefficients } = combiner;
    const r = await this.pool.query<{ id: string }>(
      `INSERT INTO market_combiners (model_id, stat, as_of, rows, period_from, period_to, coefficients, state, source)
       VALUES ($1, $2::"StatType", $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (model_id, as_of) DO UPDATE SET rows = EXCLUDED.rows, period_from = EXCLUDED.period_from, period_to = EXCLUDED.period_to,
         coefficients = EXCLUDED.coefficients, state = EXCLUDED.state, source = EXCLUDED.source, created_at = CURRENT_TIMESTAMP
       RETURNING id::text`,
      [modelId, stat, fit.asOf, fit.rows, fit.from, fit.to, JSON.stringify(coefficients), JSON.stringify(combiner.toJSON()), source],
    );
    return r.rows[0].id;
  }
}
