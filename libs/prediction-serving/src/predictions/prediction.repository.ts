import type { StatType } from '@propcast/contracts';
import type { Recommendation } from '@propcast/prediction';
import type { ModelRole } from '../batches/batch.types';
import type { Queryable } from '../sql';

/** Which model predicted which prop of which batch, at which book, and the mean it predicted: every predictions row has it. */
export interface PredictionIdentity {
  batchId: string;
  playerId: number;
  gameId: string;
  stat: StatType;
  modelId: string;
  modelVersion: number;
  role: ModelRole;
  /** '' for a prediction made without a line. */
  book: string;
  predictedMean: number;
}

/** One predictions row. */
export interface PredictionRow extends PredictionIdentity {
  gameDate: string;
  line: number | null;
  overPrice: number | null;
  underPrice: number | null;
  overProbability: number | null;
  marketOverProbability: number | null;
  /** The model's own P(over); overProbability is the combined one where combinerId is set. */
  modelOverProbability: number | null;
  combinerId: string | null;
  /** The other books' consensus P(over) (null: none quoted before pricing); a version-2 combination's input. */
  consensusOverProbability: number | null;
  edge: number | null;
  expectedValue: number | null;
  kellyFraction: number | null;
  confidence: number | null;
  recommendation: Recommendation;
  /** The model's own call at the price (equal to recommendation except for shadows, which never recommend); null without a line. */
  wouldBeRecommendation: Recommendation | null;
  flags: string[];
}

/** The call a priced prediction makes: what predictions and prediction_prices rows store beside the price. */
export type PricedCall = Pick<PredictionRow, 'edge' | 'expectedValue' | 'kellyFraction' | 'confidence' | 'recommendation' | 'flags'>;

/**
 * The calls as the six unnest() arrays the predictions and prediction_prices inserts take, in this order: edge,
 * expected_value, kelly_fraction, confidence, recommendation, flags (comma-joined; the SQL splits them again).
 */
export function callColumns(calls: readonly PricedCall[]): [(number | null)[], (number | null)[], (number | null)[], (number | null)[], Recommendation[], string[]] {
  return [
    calls.map((c) => c.edge),
    calls.map((c) => c.expectedValue),
    calls.map((c) => c.kellyFraction),
    calls.map((c) => c.confidence),
    calls.map((c) => c.recommendation),
    calls.map((c) => c.flags.join(',')),
  ];
}

const VALUE_COLUMNS = [
  'game_date',
  'model_version',
  'role',
  'predicted_mean',
  'line',
  'over_price',
  'under_price',
  'over_probability',
  'market_over_probability',
  'edge',
  'expected_value',
  'kelly_fraction',
  'confidence',
  'recommendation',
  'flags',
  'model_over_probability',
  'combiner_id',
  'would_be_recommendation',
  'consensus_over_probability',
] as const;

const UPSERT_SQL = `
  INSERT INTO predictions (batch_id, player_id, game_id, stat, model_id, book, ${VALUE_COLUMNS.join(', ')})
  SELECT u.batch_id, u.player_id, u.game_id, u.stat, u.model_id, u.book, u.game_date, u.model_version, u.role,
         u.predicted_mean, u.line, u.over_price, u.under_price, u.over_probability, u.market_over_probability, u.edge,
         u.expected_value, u.kelly_fraction, u.confidence, u.recommendation,
         CASE WHEN u.flags = '' THEN '{}'::text[] ELSE string_to_array(u.flags, ',') END, u.model_over_probability, u.combiner_id,
         u.would_be_recommendation, u.consensus_over_probability
    FROM unnest($1::text[], $2::int[], $3::text[], $4::"StatType"[], $5::text[], $6::text[], $7::date[], $8::int[], $9::"ModelRole"[],
                $10::float8[], $11::float8[], $12::int[], $13::int[], $14::float8[], $15::float8[], $16::float8[], $17::float8[],
                $18::float8[], $19::float8[], $20::"Recommendation"[], $21::text[], $22::float8[], $23::bigint[], $24::"Recommendation"[], $25::float8[])
      AS u(batch_id, player_id, game_id, stat, model_id, book, game_date, model_version, role, predicted_mean, line, over_price,
           under_price, over_probability, market_over_probability, edge, expected_value, kelly_fraction, confidence, recommendation, flags,
           model_over_probability, combiner_id, would_be_recommendation, consensus_over_probability)
  ON CONFLICT (batch_id, player_id, game_id, stat, model_id, book) DO UPDATE SET
    ${VALUE_COLUMNS.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`;

/** Writes predictions. */
export class PredictionRepository {
  /**
   * Upserts rows by (batch, player, game, stat, model, book) in one multi-row INSERT ... ON CONFLICT DO UPDATE:
   * a retried or duplicated job rewrites its rows instead of adding new ones. Rows must be unique by that key.
   */
  async upsert(db: Queryable, rows: readonly PredictionRow[]): Promise<void> {
    if (rows.length === 0) return;
    const col = <T>(f: (r: PredictionRow) => T): T[] => rows.map(f);
    await db.query(UPSERT_SQL, [
      col((r) => r.batchId),
      col((r) => r.playerId),
      col((r) => r.gameId),
      col((r) => r.stat),
      col((r) => r.modelId),
      col((r) => r.book),
      col((r) => r.gameDate),
      col((r) => r.modelVersion),
      col((r) => r.role),
      col((r) => r.predictedMean),
      col((r) => r.line),
      col((r) => r.overPrice),
      col((r) => r.underPrice),
      col((r) => r.overProbability),
      col((r) => r.marketOverProbability),
      ...callColumns(rows),
      col((r) => r.modelOverProbability),
      col((r) => r.combinerId),
      col((r) => r.wouldBeRecommendation),
      col((r) => r.consensusOverProbability),
    ]);
  }
}
