import type { StatType } from '@propcast/contracts';
import type { Recommendation } from '@propcast/prediction';
import type { ModelRole } from '../batches/batch.types';
import { callColumns, type PredictionIdentity } from '../predictions/prediction.repository';
import { isoColumn, type Queryable } from '../sql';

/** The latest main line of a prop captured strictly before its game's pricing cutoff. */
export interface CurrentLine {
  playerId: number;
  gameId: string;
  stat: StatType;
  book: string;
  line: number;
  overPrice: number | null;
  underPrice: number | null;
  /** ISO-8601 (UTC). */
  capturedAt: string;
}

/** A stored prediction of the date's newest batch attempt for its (player, game, stat), with the price it shows now. */
export interface PricedPredictionRow extends PredictionIdentity {
  id: string;
  /** The current price: the newest price row where one exists, else the prediction row's own. */
  line: number | null;
  overPrice: number | null;
  underPrice: number | null;
  flags: string[];
}

/** One price to append. */
export interface PriceRow {
  predictionId: string;
  gameDate: string;
  line: number;
  overPrice: number | null;
  underPrice: number | null;
  /** ISO-8601 instant of the snapshot priced. */
  lineCapturedAt: string;
  overProbability: number | null;
  modelOverProbability: number | null;
  marketOverProbability: number | null;
  /** The other books' consensus P(over) (null: none quoted before pricing). */
  consensusOverProbability: number | null;
  combinerId: string | null;
  edge: number | null;
  expectedValue: number | null;
  kellyFraction: number | null;
  confidence: number | null;
  recommendation: Recommendation;
  flags: string[];
  reason: 'line' | 'news';
  causeBatchId: string;
}

/** A prediction row for a book that had none (the same model's mean, first priced at that book's line). */
export interface NewBookPrediction extends PredictionIdentity {
  gameDate: string;
  price: Omit<PriceRow, 'predictionId' | 'gameDate' | 'reason' | 'causeBatchId' | 'lineCapturedAt'>;
}

/**
 * The instant after which a line of a game is never used for pricing: its tip-off, or 00:00 UTC the day after the game
 * date when the schedule has none (before any US evening tip-off).
 */
export const PRICING_CUTOFF_SQL = `COALESCE(g.tipoff_at, (g.game_date + 1)::timestamp)`;

/** The current price of prediction `p`: its newest price row (by id), if any. */
export const LATEST_PRICE_LATERAL = `LEFT JOIN LATERAL (
    SELECT pp.line, pp.over_price, pp.under_price, pp.flags FROM prediction_prices pp
     WHERE pp.prediction_id = p.id ORDER BY pp.id DESC LIMIT 1) cur ON true`;

/** SQL of live re-pricing: the date lock, the props a snapshot changed, the predictions they price, the appended prices. */
export class LivePricingRepository {
  /** Serialises re-pricing of one game date (held until the transaction ends): concurrent snapshots apply one after the other. */
  async lockDate(db: Queryable, gameDate: string): Promise<void> {
    await db.query(`SELECT pg_advisory_xact_lock(hashtext('propcast:live-pricing'), hashtext($1))`, [gameDate]);
  }

  /**
   * For every main prop (player, game, stat, book) the ingest batch wrote on `gameDate`: the latest main snapshot of
   * that prop captured strictly before its game's cutoff (whichever batch stored it), for games still SCHEDULED.
   */
  async currentLinesOfBatch(db: Queryable, gameDate: string, causeBatchId: string): Promise<CurrentLine[]> {
    const r = await db.query<[number, string, StatType, string, number, number | null, number | null, string]>({
      text: `WITH changed AS (
               SELECT DISTINCT player_id, game_id, stat, book FROM prop_lines
                WHERE batch_id = $2 AND game_date = $1::date AND is_main)
             SELECT DISTINCT ON (l.player_id, l.game_id, l.stat, l.book)
                    l.player_id, l.game_id, l.stat, l.book, l.line, l.over_price, l.under_price, ${isoColumn('l.captured_at')}
               FROM changed c
               JOIN prop_lines l ON l.player_id = c.player_id AND l.game_id = c.game_id AND l.stat = c.stat AND l.book = c.book
               JOIN games g ON g.id = l.game_id
              WHERE l.is_main AND g.status = 'SCHEDULED' AND l.captured_at < ${PRICING_CUTOFF_SQL}
              ORDER BY l.player_id, l.game_id, l.stat, l.book, l.captured_at DESC, l.id DESC`,
      values: [gameDate, causeBatchId],
      rowMode: 'array',
    });
    return r.rows.map(([playerId, gameId, stat, book, line, overPrice, underPrice, capturedAt]) => ({ playerId, gameId, stat, book, line, overPrice, underPrice, capturedAt }));
  }

  /**
   * The predictions of `gameDate` of the newest batch attempt that predicted each given (player, game, stat) (the
   * rule the read side serves), every model and book, with their current price.
   */
  async predictionsOf(db: Queryable, gameDate: string, props: readonly { playerId: number; gameId: string; stat: StatType }[]): Promise<PricedPredictionRow[]> {
    if (props.length === 0) return [];
    const r = await db.query<[string, string, number, string, StatType, string, number, ModelRole, string, number, number | null, number | null, number | null, string[]]>({
      text: `WITH day AS (
               SELECT p.*, b.attempt, max(b.attempt) OVER (PARTITION BY p.player_id, p.game_id, p.stat) AS newest
                 FROM (SELECT DISTINCT * FROM unnest($2::int[], $3::text[], $4::"StatType"[]) AS k(player_id, game_id, stat)) k
                 JOIN predictions p ON p.player_id = k.player_id AND p.game_id = k.game_id AND p.stat = k.stat
                 JOIN prediction_batches b ON b.id = p.batch_id
                WHERE p.game_date = $1::date)
             SELECT p.id::text, p.batch_id, p.player_id, p.game_id, p.stat, p.model_id, p.model_version, p.role, p.book, p.predicted_mean,
                    CASE WHEN cur.line IS NULL THEN p.line ELSE cur.line END,
                    CASE WHEN cur.line IS NULL THEN p.over_price ELSE cur.over_price END,
                    CASE WHEN cur.line IS NULL THEN p.under_price ELSE cur.under_price END,
                    CASE WHEN cur.line IS NULL THEN p.flags ELSE cur.flags END
               FROM day p
               ${LATEST_PRICE_LATERAL}
              WHERE p.attempt = p.newest
              ORDER BY p.id`,
      values: [gameDate, props.map((p) => p.playerId), props.map((p) => p.gameId), props.map((p) => p.stat)],
      rowMode: 'array',
    });
    return r.rows.map(([id, batchId, playerId, gameId, stat, modelId, modelVersion, role, book, predictedMean, line, overPrice, underPrice, flags]) => ({
      id,
      batchId,
      playerId,
      gameId,
      stat,
      modelId,
      modelVersion,
      role,
      book,
      predictedMean,
      line,
      overPrice,
      underPrice,
      flags: flags ?? [],
    }));
  }

  /** Inserts prediction rows for books that had none (a concurrent insert of the same key wins); returns the new ids by key. */
  async insertNewBookPredictions(db: Queryable, rows: readonly NewBookPrediction[]): Promise<Map<string, string>> {
    if (rows.length === 0) return new Map();
    const col = <T>(f: (r: NewBookPrediction) => T): T[] => rows.map(f);
    const r = await db.query<[string, string, string]>({
      text: `INSERT INTO predictions (batch_id, player_id, game_id, game_date, stat, model_id, model_version, role, book, predicted_mean, line, over_price, under_price,
                                      over_probability, model_over_probability, market_over_probability, combiner_id, edge, expected_value, kelly_fraction,
                                      confidence, recommendation, flags, consensus_over_probability)
             SELECT u.batch_id, u.player_id, u.game_id, u.game_date, u.stat, u.model_id, u.model_version, u.role, u.book, u.predicted_mean, u.line, u.over_price,
                    u.under_price, u.over_probability, u.model_over_probability, u.market_over_probability, u.combiner_id, u.edge, u.expected_value,
                    u.kelly_fraction, u.confidence, u.recommendation, CASE WHEN u.flags = '' THEN '{}'::text[] ELSE string_to_array(u.flags, ',') END,
                    u.consensus_over_probability
               FROM unnest($1::text[], $2::int[], $3::text[], $4::date[], $5::"StatType"[], $6::text[], $7::int[], $8::"ModelRole"[], $9::text[], $10::float8[],
                           $11::float8[], $12::int[], $13::int[], $14::float8[], $15::float8[], $16::float8[], $17::bigint[], $18::float8[], $19::float8[],
                           $20::float8[], $21::float8[], $22::"Recommendation"[], $23::text[], $24::float8[])
                 AS u(batch_id, player_id, game_id, game_date, stat, model_id, model_version, role, book, predicted_mean, line, over_price, under_price,
                      over_probability, model_over_probability, market_over_probability, combiner_id, edge, expected_value, kelly_fraction, confidence,
                      recommendation, flags, consensus_over_probability)
             ON CONFLICT (batch_id, player_id, game_id, stat, model_id, book) DO NOTHING
             RETURNING id::text, model_id, player_id || '|' || game_id || '|' || stat || '|' || book`,
      values: [
        col((r) => r.batchId),
        col((r) => r.playerId),
        col((r) => r.gameId),
        col((r) => r.gameDate),
        col((r) => r.stat),
        col((r) => r.modelId),
        col((r) => r.modelVersion),
        col((r) => r.role),
        col((r) => r.book),
        col((r) => r.predictedMean),
        col((r) => r.price.line),
        col((r) => r.price.overPrice),
        col((r) => r.price.underPrice),
        col((r) => r.price.overProbability),
        col((r) => r.price.modelOverProbability),
        col((r) => r.price.marketOverProbability),
        col((r) => r.price.combinerId),
        ...callColumns(rows.map((r) => r.price)),
        col((r) => r.price.consensusOverProbability),
      ],
      rowMode: 'array',
    });
    return new Map(r.rows.map(([id, modelId, key]) => [`${modelId}|${key}`, id]));
  }

  /** Appends price rows (never updates one). */
  async insertPrices(db: Queryable, rows: readonly PriceRow[]): Promise<void> {
    if (rows.length === 0) return;
    const col = <T>(f: (r: PriceRow) => T): T[] => rows.map(f);
    await db.query(
      `INSERT INTO prediction_prices (prediction_id, game_date, line, over_price, under_price, line_captured_at, over_probability, model_over_probability,
                                      market_over_probability, combiner_id, edge, expected_value, kelly_fraction, confidence, recommendation, flags, reason,
                                      cause_batch_id, priced_at, consensus_over_probability)
       SELECT u.prediction_id, u.game_date, u.line, u.over_price, u.under_price, u.captured_at::timestamptz AT TIME ZONE 'UTC', u.over_probability, u.model_over_probability, u.market_over_probability,
              u.combiner_id, u.edge, u.expected_value, u.kelly_fraction, u.confidence, u.recommendation,
              CASE WHEN u.flags = '' THEN '{}'::text[] ELSE string_to_array(u.flags, ',') END, u.reason, u.cause_batch_id, clock_timestamp() AT TIME ZONE 'UTC',
              u.consensus_over_probability
         FROM unnest($1::bigint[], $2::float8[], $3::int[], $4::int[], $5::text[], $6::float8[], $7::float8[], $8::float8[], $9::bigint[], $10::float8[],
                     $11::float8[], $12::float8[], $13::float8[], $14::"Recommendation"[], $15::text[], $16::text[], $17::text[], $18::date[], $19::float8[])
           AS u(prediction_id, line, over_price, under_price, captured_at, over_probability, model_over_probability, market_over_probability, combiner_id,
                edge, expected_value, kelly_fraction, confidence, recommendation, flags, reason, cause_batch_id, game_date, consensus_over_probability)`,
      [
        col((r) => r.predictionId),
        col((r) => r.line),
        col((r) => r.overPrice),
        col((r) => r.underPrice),
        col((r) => r.lineCapturedAt),
        col((r) => r.overProbability),
        col((r) => r.modelOverProbability),
        col((r) => r.marketOverProbability),
        col((r) => r.combinerId),
        ...callColumns(rows),
        col((r) => r.reason),
        col((r) => r.causeBatchId),
        col((r) => r.gameDate),
        col((r) => r.consensusOverProbability),
      ],
    );
  }
}
