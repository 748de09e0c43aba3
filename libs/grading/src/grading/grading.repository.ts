import type { Pool, PoolClient } from 'pg';
import type { StatType } from '@propcast/contracts';
import type { BetResult, LineOutcome, Recommendation } from '@propcast/prediction';
import { statValue } from '../shared/stats';
import type { GradeValues } from './grade-prediction';
import type { GradeAggregates, GradedRow } from './summarise-grades';

/** A prediction of a date with what the box score says about it. */
export interface DatePrediction {
  id: string;
  stat: StatType;
  modelId: string;
  modelVersion: number;
  predictedMean: number;
  line: number | null;
  overPrice: number | null;
  underPrice: number | null;
  recommendation: Recommendation;
  /**
   * `pending`: the game has no box score yet; `void`: the game has one but the player did not play;
   * `played`: graded against `actual` (null when the box score lacks the stat).
   */
  status: 'pending' | 'void' | 'played';
  actual: number | null;
}

/** A graded row with the keys it is summarised by. */
export interface GradedPredictionRow extends GradedRow {
  modelId: string;
  modelVersion: number;
  stat: StatType;
  gameDate: string;
}

/** Filters of graded-row and summary reads; dates inclusive. */
export interface GradeQuery {
  from: string;
  to: string;
  stat?: StatType;
  modelId?: string;
}

/** A stored grade_summaries row. */
export interface StoredGradeSummary extends GradeAggregates {
  modelId: string;
  modelVersion: number | null;
  stat: StatType;
  gameDate: string;
}

type PredictionCell = [
  string,
  StatType,
  string,
  number,
  number,
  number | null,
  number | null,
  number | null,
  Recommendation,
  boolean,
  boolean | null,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
];

/** SQL of grading: predictions with their box scores, grade upserts, summaries. */
export class GradingRepository {
  constructor(private readonly pool: Pool) {}

  /** Every prediction of `date` (all batches) with its box-score status and actual value. */
  async datePredictions(date: string): Promise<DatePrediction[]> {
    const r = await this.pool.query<PredictionCell>({
      text: `SELECT p.id::text, p.stat, p.model_id, p.model_version, p.predicted_mean, p.line, p.over_price, p.under_price, p.recommendation,
                    (g.status = 'FINAL' OR EXISTS (SELECT 1 FROM player_game_stats x WHERE x.game_id = p.game_id)) AS has_box,
                    s.dnp, s.minutes, s.pts, s.reb, s.ast, s.fg3m
               FROM predictions p
               LEFT JOIN games g ON g.id = p.game_id
               LEFT JOIN player_game_stats s ON s.player_id = p.player_id AND s.game_id = p.game_id
              WHERE p.game_date = $1
              ORDER BY p.id`,
      values: [date],
      rowMode: 'array',
    });
    return r.rows.map(([id, stat, modelId, modelVersion, predictedMean, line, overPrice, underPrice, recommendation, hasBox, dnp, minutes, pts, reb, ast, fg3m]) => {
      const played = dnp === false && (minutes ?? 0) > 0;
      const status = !hasBox ? 'pending' : played ? 'played' : 'void';
      const actual = status === 'played' ? statValue(stat, { pts, reb, ast, fg3m }) : null;
      return { id, stat, modelId, modelVersion, predictedMean, line, overPrice, underPrice, recommendation, status, actual };
    });
  }

  /**
   * Upserts grades by prediction id. A row is rewritten (and its graded_at bumped) only when a value changed, so
   * regrading unchanged data leaves every row byte-identical. Returns the ids inserted for the first time.
   */
  async upsertGrades(client: PoolClient, grades: readonly (GradeValues & { predictionId: string })[]): Promise<{ inserted: Set<string>; changed: number }> {
    if (grades.length === 0) return { inserted: new Set(), changed: 0 };
    const r = await client.query<{ prediction_id: string; inserted: boolean }>(
      `INSERT INTO grades (prediction_id, actual, error, outcome, result, profit)
       SELECT * FROM unnest($1::bigint[], $2::float8[], $3::float8[], $4::"LineOutcome"[], $5::"BetResult"[], $6::float8[])
       ON CONFLICT (prediction_id) DO UPDATE
          SET actual = EXCLUDED.actual, error = EXCLUDED.error, outcome = EXCLUDED.outcome, result = EXCLUDED.result,
              profit = EXCLUDED.profit, graded_at = CURRENT_TIMESTAMP
        WHERE (grades.actual, grades.error, grades.outcome, grades.result, grades.profit)
              IS DISTINCT FROM (EXCLUDED.actual, EXCLUDED.error, EXCLUDED.outcome, EXCLUDED.result, EXCLUDED.profit)
       RETURNING prediction_id::text, (xmax = 0) AS inserted`,
      [grades.map((g) => g.predictionId), grades.map((g) => g.actual), grades.map((g) => g.error), grades.map((g) => g.outcome), grades.map((g) => g.result), grades.map((g) => g.profit)],
    );
    return { inserted: new Set(r.rows.filter((x) => x.inserted).map((x) => x.prediction_id)), changed: r.rowCount ?? 0 };
  }

  /**
   * Replaces the summaries of `date` by `summaries`: rows are upserted only when a value changed (updated_at
   * bumped then), summaries of (model, stat) pairs no longer graded on that date are deleted.
   */
  async replaceSummaries(client: PoolClient, date: string, summaries: readonly (GradeAggregates & { modelId: string; stat: StatType })[]): Promise<void> {
    await client.query(
      `DELETE FROM grade_summaries WHERE game_date = $1
          AND (model_id, stat::text) NOT IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
      [date, summaries.map((s) => s.modelId), summaries.map((s) => s.stat)],
    );
    if (summaries.length === 0) return;
    await client.query(
      `INSERT INTO grade_summaries (model_id, stat, game_date, n, mae, hit_rate, bets, roi, coverage, brier, ece, real_props, brier_real, market_brier,
                                    log_loss_real, market_log_loss, model_brier_real, model_log_loss_real, updated_at)
       SELECT m, s, $1::date, n, mae, hr, b, roi, cov, br, ece, rp, brr, mb, llr, mll, mbr, mllr, CURRENT_TIMESTAMP
         FROM unnest($2::text[], $3::"StatType"[], $4::int[], $5::float8[], $6::float8[], $7::int[], $8::float8[], $9::float8[], $10::float8[], $11::float8[],
                     $12::int[], $13::float8[], $14::float8[], $15::float8[], $16::float8[], $17::float8[], $18::float8[])
              AS t(m, s, n, mae, hr, b, roi, cov, br, ece, rp, brr, mb, llr, mll, mbr, mllr)
       ON CONFLICT (model_id, stat, game_date) DO UPDATE
          SET n = EXCLUDED.n, mae = EXCLUDED.mae, hit_rate = EXCLUDED.hit_rate, bets = EXCLUDED.bets, roi = EXCLUDED.roi,
              coverage = EXCLUDED.coverage, brier = EXCLUDED.brier, ece = EXCLUDED.ece, real_props = EXCLUDED.real_props,
              brier_real = EXCLUDED.brier_real, market_brier = EXCLUDED.market_brier, log_loss_real = EXCLUDED.log_loss_real,
              market_log_loss = EXCLUDED.market_log_loss, model_brier_real = EXCLUDED.model_brier_real,
              model_log_loss_real = EXCLUDED.model_log_loss_real, updated_at = CURRENT_TIMESTAMP
        WHERE (grade_summaries.n, grade_summaries.mae, grade_summaries.hit_rate, grade_summaries.bets, grade_summaries.roi,
               grade_summaries.coverage, grade_summaries.brier, grade_summaries.ece, grade_summaries.real_props,
               grade_summaries.brier_real, grade_summaries.market_brier, grade_summaries.log_loss_real, grade_summaries.market_log_loss,
               grade_summaries.model_brier_real, grade_summaries.model_log_loss_real)
              IS DISTINCT FROM (EXCLUDED.n, EXCLUDED.mae, EXCLUDED.hit_rate, EXCLUDED.bets, EXCLUDED.roi, EXCLUDED.coverage, EXCLUDED.brier, EXCLUDED.ece,
                                EXCLUDED.real_props, EXCLUDED.brier_real, EXCLUDED.market_brier, EXCLUDED.log_loss_real, EXCLUDED.market_log_loss,
                                EXCLUDED.model_brier_real, EXCLUDED.model_log_loss_real)`,
      [
        date,
        summaries.map((s) => s.modelId),
        summaries.map((s) => s.stat),
        summaries.map((s) => s.n),
        summaries.map((s) => s.mae),
        summaries.map((s) => s.hitRate),
        summaries.map((s) => s.bets),
        summaries.map((s) => s.roi),
        summaries.map((s) => s.coverage),
        summaries.map((s) => s.brier),
        summaries.map((s) => s.ece),
        summaries.map((s) => s.realProps),
        summaries.map((s) => s.brierReal),
        summaries.map((s) => s.marketBrier),
        summaries.map((s) => s.logLossReal),
        summaries.map((s) => s.marketLogLoss),
        summaries.map((s) => s.modelBrierReal),
        summaries.map((s) => s.modelLogLossReal),
      ],
    );
  }

  /** The latest graded game date (grade_summaries), or null before any grading. */
  async latestGradedDate(): Promise<string | null> {
    return (await this.pool.query<{ d: string | null }>('SELECT max(game_date) AS d FROM grade_summaries')).rows[0].d;
  }

  /**
   * Graded rows of the query, one per (model, stat, date, player, game, book): where a date was predicted by
   * several batches (restarts), the row of the latest batch attempt counts.
   */
  async gradedRows(query: GradeQuery, client: Pool | PoolClient = this.pool): Promise<GradedPredictionRow[]> {
    const r = await client.query<[string, number, StatType, string, number, string, number, number | null, number | null, LineOutcome | null, BetResult, number, number | null, string, number | null]>(
      {
        text: `SELECT DISTINCT ON (p.model_id, p.stat, p.game_date, p.player_id, p.game_id, p.book)
                    p.model_id, p.model_version, p.stat, p.game_date, p.player_id, p.game_id, p.predicted_mean, p.over_probability,
                    gr.actual, gr.outcome, gr.result, gr.profit, p.market_over_probability, p.book, p.model_over_probability
               FROM predictions p
               JOIN grades gr ON gr.prediction_id = p.id
               LEFT JOIN prediction_batches b ON b.id = p.batch_id
              WHERE p.game_date BETWEEN $1 AND $2
                AND ($3::"StatType" IS NULL OR p.stat = $3::"StatType")
                AND ($4::text IS NULL OR p.model_id = $4)
              ORDER BY p.model_id, p.stat, p.game_date, p.player_id, p.game_id, p.book, b.attempt DESC NULLS LAST, p.id DESC`,
        values: [query.from, query.to, query.stat ?? null, query.modelId ?? null],
        rowMode: 'array',
      },
    );
    return r.rows.map(
      ([modelId, modelVersion, stat, gameDate, playerId, gameId, predictedMean, overProbability, actual, outcome, result, profit, marketOverProbability, book, modelOverProbability]) => ({
        modelId,
        modelVersion,
        stat,
        gameDate,
        playerId,
        gameId,
        predictedMean,
        overProbability,
        actual,
        outcome,
        result,
        profit,
        marketOverProbability,
        book,
        modelOverProbability,
      }),
    );
  }

  /** Stored daily summaries of the query, by date, stat and model. */
  async summaries(query: GradeQuery): Promise<StoredGradeSummary[]> {
    const r = await this.pool.query(
      `SELECT s.model_id, m.version, s.stat, s.game_date, s.n, s.mae, s.hit_rate, s.bets, s.roi, s.coverage, s.brier, s.ece,
              s.real_props, s.brier_real, s.market_brier, s.log_loss_real, s.market_log_loss, s.model_brier_real, s.model_log_loss_real
         FROM grade_summaries s
         LEFT JOIN models m ON m.id = s.model_id
        WHERE s.game_date BETWEEN $1 AND $2
          AND ($3::"StatType" IS NULL OR s.stat = $3::"StatType")
          AND ($4::text IS NULL OR s.model_id = $4)
        ORDER BY s.game_date, s.stat, s.model_id`,
      [query.from, query.to, query.stat ?? null, query.modelId ?? null],
    );
    return r.rows.map((x) => ({
      modelId: x.model_id,
      modelVersion: x.version,
      stat: x.stat,
      gameDate: x.game_date,
      n: x.n,
      mae: x.mae,
      hitRate: x.hit_rate,
      bets: x.bets,
      roi: x.roi,
      coverage: x.coverage,
      brier: x.brier,
      ece: x.ece,
      realProps: x.real_props,
      brierReal: x.brier_real,
      marketBrier: x.market_brier,
      logLossReal: x.log_loss_real,
      marketLogLoss: x.market_log_loss,
      modelBrierReal: x.model_brier_real,
      modelLogLossReal: x.model_log_loss_real,
    }));
  }
}
