/** Columns of a price: on predictions (its first price) and on prediction_prices (every re-pricing since). */
const PRICE_COLUMNS = [
  'line',
  'over_price',
  'under_price',
  'over_probability',
  'model_over_probability',
  'market_over_probability',
  'combiner_id',
  'edge',
  'expected_value',
  'kelly_fraction',
  'confidence',
  'recommendation',
  'flags',
] as const;

/**
 * The predictions table as the read side serves it: every column of `predictions`, the price columns taken from the
 * prediction's newest price row (live re-pricing appends one per line move or news) where one exists, else its own;
 * `priced_at` is when that price was made. Use as `FROM ${CURRENT_PREDICTIONS} p`: a plain subquery, so filters on
 * `p.game_date` etc. reach the predictions index.
 */
export const CURRENT_PREDICTIONS = `(
  SELECT p0.id, p0.batch_id, p0.player_id, p0.game_id, p0.game_date, p0.stat, p0.model_id, p0.model_version, p0.role, p0.book, p0.predicted_mean,
         ${PRICE_COLUMNS.map((c) => `CASE WHEN cur.id IS NULL THEN p0.${c} ELSE cur.${c} END AS ${c}`).join(', ')},
         p0.created_at, COALESCE(cur.priced_at, p0.created_at) AS priced_at
    FROM predictions p0
    LEFT JOIN LATERAL (SELECT pp.* FROM prediction_prices pp WHERE pp.prediction_id = p0.id ORDER BY pp.id DESC LIMIT 1) cur ON true)`;
