import type { Pool } from 'pg';
import type { OpeningLine, TimelineGame } from './live-timeline';

/** A price change a line event caused: the prop, its price before and after. */
export interface PriceChange {
  playerId: number;
  playerName: string;
  stat: string;
  book: string;
  before: { line: number | null; overPrice: number | null; recommendation: string };
  after: { line: number; overPrice: number | null; overProbability: number | null; recommendation: string };
}

/** The news an availability import recorded and the batch that re-predicted it. */
export interface NewsState {
  playerIds: number[];
  predictionBatchId: string | null;
  batchState: string | null;
  readyPublishedAt: Date | null;
}

/** A re-predicted prop of a news batch beside its previous prediction. */
export interface RepredictedProp {
  playerId: number;
  playerName: string;
  stat: string;
  beforeMean: number;
  afterMean: number;
  beforeRecommendation: string;
  afterRecommendation: string;
}

/** The reads of the live replay (the writes go through the ingestion service). */
export class LiveReplayRepository {
  constructor(private readonly pool: Pool) {}

  async slateGames(day: string): Promise<TimelineGame[]> {
    const { rows } = await this.pool.query<{ id: string; tipoff_at: Date | null }>(`SELECT id, tipoff_at FROM games WHERE game_date = $1 AND status = 'SCHEDULED' ORDER BY id`, [day]);
    return rows.map((r) => ({ gameId: r.id, tipoffAt: r.tipoff_at }));
  }

  /** Each prop's latest snapshot of `book` on the day (the opening, before the replay). */
  async openingLines(day: string, book: string): Promise<OpeningLine[]> {
    const { rows } = await this.pool.query<{ player_id: number; game_id: string; stat: string; line: number; over_price: number | null; under_price: number | null; captured_at: Date }>(
      `SELECT DISTINCT ON (player_id, game_id, stat) player_id, game_id, lower(stat::text) AS stat, line, over_price, under_price, captured_at
       FROM prop_lines l WHERE game_date = $1 AND lower(book) = lower($2) AND is_main
         -- only props the day's batch predicted: a move of a line nobody predicted has nothing to re-price
         AND EXISTS (SELECT 1 FROM predictions p WHERE p.game_date = l.game_date AND p.player_id = l.player_id AND p.game_id = l.game_id AND p.stat = l.stat)
       ORDER BY player_id, game_id, stat, captured_at DESC`,
      [day, book],
    );
    return rows.map((r) => ({ playerId: r.player_id, gameId: r.game_id, stat: r.stat, line: r.line, overPrice: r.over_price ?? -110, underPrice: r.under_price ?? -110, capturedAt: r.captured_at }));
  }

  /** The price rows an ingest batch appended, each beside the price it replaced (the previous row, else the prediction's own). */
  async priceChanges(causeBatchId: string): Promise<PriceChange[]> {
    const { rows } = await this.pool.query<{
      player_id: number;
      player_name: string | null;
      stat: string;
      book: string;
      prev_line: number | null;
      prev_over: number | null;
      prev_rec: string;
      line: number;
      over_price: number | null;
      over_probability: number | null;
      recommendation: string;
    }>(
      `SELECT p.player_id, pl.name AS player_name, lower(p.stat::text) AS stat, p.book,
              -- no earlier price row and the prediction carries this very price: a prediction the re-price created for a book
              -- that had none (shown as no line before)
              CASE WHEN prev.line IS NULL AND p.line IS NOT DISTINCT FROM pp.line AND p.over_price IS NOT DISTINCT FROM pp.over_price THEN NULL
                   ELSE coalesce(prev.line, p.line) END AS prev_line,
              CASE WHEN prev.line IS NULL AND p.line IS NOT DISTINCT FROM pp.line AND p.over_price IS NOT DISTINCT FROM pp.over_price THEN NULL
                   ELSE coalesce(prev.over_price, p.over_price) END AS prev_over,
              coalesce(prev.recommendation, p.recommendation)::text AS prev_rec,
              pp.line, pp.over_price, pp.over_probability, pp.recommendation::text AS recommendation
       FROM prediction_prices pp
       JOIN predictions p ON p.id = pp.prediction_id
       LEFT JOIN players pl ON pl.id = p.player_id
       LEFT JOIN LATERAL (
         SELECT line, over_price, recommendation FROM prediction_prices x
         WHERE x.prediction_id = pp.prediction_id AND x.id < pp.id ORDER BY x.id DESC LIMIT 1
       ) prev ON true
       WHERE pp.cause_batch_id = $1 AND p.role <> 'SHADOW'
       ORDER BY p.player_id, p.stat, p.book`,
      [causeBatchId],
    );
    return rows.map((r) => ({
      playerId: r.player_id,
      playerName: r.player_name ?? String(r.player_id),
      stat: r.stat,
      book: r.book,
      before: { line: r.prev_line, overPrice: r.prev_over, recommendation: r.prev_rec },
      after: { line: r.line, overPrice: r.over_price, overProbability: r.over_probability, recommendation: r.recommendation },
    }));
  }

  async news(causeBatchId: string): Promise<NewsState | null> {
    const { rows } = await this.pool.query<{ player_ids: number[]; prediction_batch_id: string | null; state: string | null; ready_published_at: Date | null }>(
      `SELECT n.player_ids, n.prediction_batch_id, b.state::text AS state, b.ready_published_at
       FROM availability_news n LEFT JOIN prediction_batches b ON b.id = n.prediction_batch_id
       WHERE n.cause_batch_id = $1`,
      [causeBatchId],
    );
    const r = rows[0];
    return r ? { playerIds: r.player_ids, predictionBatchId: r.prediction_batch_id, batchState: r.state, readyPublishedAt: r.ready_published_at } : null;
  }

  /** A news batch's primary predictions beside the same props' predictions of the newest earlier attempt of the date. */
  async repredicted(predictionBatchId: string): Promise<RepredictedProp[]> {
    const { rows } = await this.pool.query<{ player_id: number; player_name: string | null; stat: string; before_mean: number; after_mean: number; before_rec: string; after_rec: string }>(
      `SELECT a.player_id, pl.name AS player_name, lower(a.stat::text) AS stat,
              b.predicted_mean AS before_mean, a.predicted_mean AS after_mean,
              b.recommendation::text AS before_rec, a.recommendation::text AS after_rec
       FROM predictions a
       JOIN prediction_batches ab ON ab.id = a.batch_id
       LEFT JOIN players pl ON pl.id = a.player_id
       JOIN LATERAL (
         SELECT p.predicted_mean, p.recommendation FROM predictions p JOIN prediction_batches pb ON pb.id = p.batch_id
         WHERE pb.game_date = ab.game_date AND pb.attempt < ab.attempt AND p.player_id = a.player_id AND p.game_id = a.game_id
           AND p.stat = a.stat AND p.book = a.book AND p.role = a.role
         ORDER BY pb.attempt DESC LIMIT 1
       ) b ON true
       WHERE a.batch_id = $1 AND a.role = 'PRIMARY'
       ORDER BY abs(a.predicted_mean - b.predicted_mean) DESC`,
      [predictionBatchId],
    );
    return rows.map((r) => ({
      playerId: r.player_id,
      playerName: r.player_name ?? String(r.player_id),
      stat: r.stat,
      beforeMean: r.before_mean,
      afterMean: r.after_mean,
      beforeRecommendation: r.before_rec,
      afterRecommendation: r.after_rec,
    }));
  }

  /** Availability rows of the day per source (REPORT: imported reports; BOXSCORE: derived from box-score comments). */
  async availabilityBySource(day: string): Promise<Record<string, number>> {
    const { rows } = await this.pool.query<{ source: string; n: number }>(
      'SELECT source::text AS source, count(*)::int AS n FROM availability_reports WHERE game_date = $1 GROUP BY source ORDER BY source',
      [day],
    );
    return Object.fromEntries(rows.map((r) => [r.source.toLowerCase(), r.n]));
  }
}
