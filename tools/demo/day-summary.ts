import { Client } from 'pg';
import { databaseUrlFromEnv } from '@propcast/db';
import { decodeFeatureValues, FeatureSetV1 } from '@propcast/features';
import { brierScore, expectedCalibrationError, mae, reliabilityCurve } from '@propcast/prediction';

export interface PhaseTiming {
  name: string;
  seconds: number;
}

/** One graded prediction of the day, as the report lists it. */
export interface DayPrediction {
  player: string;
  stat: string;
  modelVersion: number;
  predicted: number;
  line: number | null;
  book: string;
  overProbability: number | null;
  edge: number | null;
  expectedValue: number | null;
  recommendation: string;
  actual: number | null;
  outcome: string | null;
  result: string;
  profit: number;
  baselines: { seasonAvg: number; last10: number; ema: number };
}

export interface StatSummary {
  stat: string;
  predictions: number;
  played: number;
  mae: number;
  baselines: { seasonAvg: number; last10: number; ema: number };
  hitRate: number;
  hits: number;
  decided: number;
  bets: number;
  roi: number;
  brier: number;
  ece: number;
}

/** A production model's own test-split record (thousands of rows), beside the baselines on the same rows. */
export interface ModelTestRecord {
  stat: string;
  modelId: string;
  objective: string;
  testRows: number;
  testFrom: string | null;
  mae: number;
  baselines: { seasonAvg: number; last10: number; ema: number };
}

export interface DaySummary {
  day: string;
  batchId: string;
  requested: number;
  completed: number;
  failed: number;
  coverage: number;
  linesAreProxy: boolean;
  stats: StatSummary[];
  predictions: DayPrediction[];
  models: ModelTestRecord[];
  reliability: { lower: number; upper: number; predicted: number; observed: number; count: number }[];
  phases: PhaseTiming[];
}

const BASELINE_FEATURES: Record<string, string> = { POINTS: 'points', REBOUNDS: 'rebounds', ASSISTS: 'assists', THREES: 'threes', PRA: 'pra' };

/** Gathers the day's batch, predictions, grades and same-row baselines from the database. */
export async function collectDaySummary(day: string, batchId: string, phases: PhaseTiming[]): Promise<DaySummary> {
  const db = new Client({ connectionString: databaseUrlFromEnv() });
  await db.connect();
  try {
    const batch = (await db.query(`SELECT requested, completed, failed FROM prediction_batches WHERE id = $1`, [batchId])).rows[0];
    const rows = await db.query(
      `SELECT pl.name AS player, p.stat, p.model_version, p.predicted_mean, p.line, p.book, p.over_probability, p.edge, p.expected_value,
              p.recommendation, g.actual, g.outcome, g.result, g.profit, f.values
       FROM predictions p
       JOIN players pl ON pl.id = p.player_id
       LEFT JOIN grades g ON g.prediction_id = p.id
       JOIN models m ON m.id = p.model_id
       LEFT JOIN feature_rows f ON f.player_id = p.player_id AND f.game_id = p.game_id AND f.feature_set_id = m.feature_set_id
       WHERE p.batch_id = $1 AND p.role = 'PRIMARY'
       ORDER BY p.stat, pl.name`,
      [batchId],
    );
    // The baselines are v1 columns; v2 and v3 start with v1's columns in the same order, so the row of the serving
    // model's feature set holds them at the same places (the demo serves v3 and backfills only v3).
    const names = FeatureSetV1.featureNames;
    const predictions: DayPrediction[] = rows.rows.map((r) => {
      const values = r.values ? decodeFeatureValues(r.values) : null;
      const base = BASELINE_FEATURES[r.stat as string];
      const pick = (suffix: string) => (values ? values[names.indexOf(`${base}_${suffix}`)] : NaN);
      return {
        player: r.player,
        stat: r.stat,
        modelVersion: r.model_version,
        predicted: r.predicted_mean,
        line: r.line,
        book: r.book,
        overProbability: r.over_probability,
        edge: r.edge,
        expectedValue: r.expected_value,
        recommendation: r.recommendation,
        actual: r.actual,
        outcome: r.outcome,
        result: r.result ?? 'NO_BET',
        profit: r.profit ?? 0,
        baselines: { seasonAvg: pick('season_avg'), last10: pick('avg_last10'), ema: pick('ema') },
      };
    });
    const stats = Object.keys(BASELINE_FEATURES)
      .map((stat) =>
        summariseStat(
          stat,
          predictions.filter((p) => p.stat === stat),
        ),
      )
      .filter((s): s is StatSummary => s !== null);
    const decided = predictions.filter((p) => p.overProbability !== null && (p.outcome === 'OVER' || p.outcome === 'UNDER'));
    const probs = decided.map((p) => p.overProbability as number);
    const outcomes = decided.map((p) => (p.outcome === 'OVER' ? 1 : 0));
    const curve = probs.length ? reliabilityCurve(probs, outcomes, 10) : [];
    return {
      day,
      batchId,
      requested: batch.requested,
      completed: batch.completed,
      failed: batch.failed,
      coverage: batch.requested > 0 ? batch.completed / batch.requested : 0,
      linesAreProxy: predictions.some((p) => p.book.toUpperCase() === 'PROXY'),
      models: await modelTestRecords(db),
      stats,
      predictions,
      reliability: curve.filter((b) => b.count > 0).map((b) => ({ lower: b.lower, upper: b.upper, predicted: b.meanPredicted, observed: b.observedRate, count: b.count })),
      phases,
    };
  } finally {
    await db.end();
  }
}

/** The production models' test-split MAE beside the three baselines, as the trainer's gate saw them. */
async function modelTestRecords(db: Client): Promise<ModelTestRecord[]> {
  const res = await db.query(
    `SELECT stat, id, objective, metrics->'test'->'model' AS model, baselines->'test' AS base, train_to::text AS train_to
     FROM models WHERE status = 'PRODUCTION' AND role = 'PRIMARY' ORDER BY array_position(ARRAY['POINTS','REBOUNDS','ASSISTS','THREES','PRA']::"StatType"[], stat)`,
  );
  return res.rows.map((r) => ({
    stat: r.stat,
    modelId: r.id,
    objective: r.objective,
    testRows: Number(r.model?.n ?? NaN),
    testFrom: r.train_to,
    mae: Number(r.model?.mae ?? NaN),
    baselines: { seasonAvg: Number(r.base?.seasonAvg?.mae ?? NaN), last10: Number(r.base?.last10?.mae ?? NaN), ema: Number(r.base?.ema?.mae ?? NaN) },
  }));
}

/** MAE beside the three baselines on the same rows (played games with every baseline known), hit rate, ROI, calibration. */
function summariseStat(stat: string, rows: DayPrediction[]): StatSummary | null {
  if (rows.length === 0) return null;
  const played = rows.filter((r) => r.actual !== null && r.outcome !== 'VOID');
  const comparable = played.filter((r) => [r.baselines.seasonAvg, r.baselines.last10, r.baselines.ema].every(Number.isFinite));
  const actual = comparable.map((r) => r.actual as number);
  const decided = played.filter((r) => r.overProbability !== null && (r.outcome === 'OVER' || r.outcome === 'UNDER'));
  const hits = decided.filter((r) => ((r.overProbability as number) > 0.5 ? 'OVER' : 'UNDER') === r.outcome).length;
  const bets = rows.filter((r) => r.result === 'WIN' || r.result === 'LOSS' || r.result === 'PUSH');
  const probs = decided.map((r) => r.overProbability as number);
  const outcomes = decided.map((r) => (r.outcome === 'OVER' ? 1 : 0));
  return {
    stat,
    predictions: rows.length,
    played: comparable.length,
    mae: mae(
      comparable.map((r) => r.predicted),
      actual,
    ),
    baselines: {
      seasonAvg: mae(
        comparable.map((r) => r.baselines.seasonAvg),
        actual,
      ),
      last10: mae(
        comparable.map((r) => r.baselines.last10),
        actual,
      ),
      ema: mae(
        comparable.map((r) => r.baselines.ema),
        actual,
      ),
    },
    hitRate: decided.length ? hits / decided.length : NaN,
    hits,
    decided: decided.length,
    bets: bets.length,
    roi: bets.length ? bets.reduce((n, r) => n + r.profit, 0) / bets.length : NaN,
    brier: probs.length ? brierScore(probs, outcomes) : NaN,
    ece: probs.length ? expectedCalibrationError(probs, outcomes, 10) : NaN,
  };
}
