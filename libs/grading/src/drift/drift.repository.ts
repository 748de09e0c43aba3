import type { Pool } from 'pg';
import type { StatType } from '@propcast/contracts';
import { decodeFeatureValues } from '@propcast/features';

/** A registry model as drift detection needs it. */
export interface DriftModel {
  id: string;
  stat: StatType;
  version: number;
  featureSetId: string;
  featureNames: string[];
  metadataUri: string;
  /** `models.metrics` as stored by the trainer. */
  metrics: unknown;
}

/** A stored drift_reports row. */
export interface StoredDriftReport {
  id: string;
  modelId: string;
  stat: StatType;
  windowFrom: string;
  windowTo: string;
  featureDrift: unknown;
  predictionDrift: unknown;
  performance: unknown;
  maxPsi: number;
  maeRatio: number | null;
  retrainRequested: boolean;
  createdAt: Date;
}

/** SQL of drift detection: feature sets, recent feature rows and predictions, drift_reports (models: RegisteredModelsRepository). */
export class DriftRepository {
  constructor(private readonly pool: Pool) {}

  /** Latest date with feature rows of the set on or before `notAfter`, or null. */
  async latestFeatureDate(featureSetId: string, notAfter: string): Promise<string | null> {
    const r = await this.pool.query<{ d: string | null }>('SELECT max(game_date) AS d FROM feature_rows WHERE feature_set_id = $1 AND game_date <= $2', [featureSetId, notAfter]);
    return r.rows[0].d;
  }

  /** Decoded feature vectors of the set dated [from, to]. */
  async featureVectors(featureSetId: string, width: number, from: string, to: string): Promise<Float32Array[]> {
    const r = await this.pool.query<[Buffer]>({
      text: 'SELECT "values" FROM feature_rows WHERE feature_set_id = $1 AND game_date BETWEEN $2 AND $3',
      values: [featureSetId, from, to],
      rowMode: 'array',
    });
    return r.rows.map(([bytes]) => decodeFeatureValues(bytes, width));
  }

  /** Predicted means of the model dated [from, to], one per player-game (the latest row). */
  async predictedMeans(modelId: string, from: string, to: string): Promise<number[]> {
    const r = await this.pool.query<[number]>({
      text: `SELECT DISTINCT ON (player_id, game_id) predicted_mean FROM predictions
              WHERE model_id = $1 AND game_date BETWEEN $2 AND $3 ORDER BY player_id, game_id, id DESC`,
      values: [modelId, from, to],
      rowMode: 'array',
    });
    return r.rows.map(([m]) => m);
  }

  /** Inserts a drift report row. */
  async insert(report: StoredDriftReport): Promise<void> {
    await this.pool.query(
      `INSERT INTO drift_reports (id, model_id, stat, window_from, window_to, feature_drift, prediction_drift, performance, max_psi, mae_ratio, retrain_requested, created_at)
       VALUES ($1, $2, $3::"StatType", $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        report.id,
        report.modelId,
        report.stat,
        report.windowFrom,
        report.windowTo,
        JSON.stringify(report.featureDrift),
        report.predictionDrift === null ? null : JSON.stringify(report.predictionDrift),
        report.performance === null ? null : JSON.stringify(report.performance),
        report.maxPsi,
        report.maeRatio,
        report.retrainRequested,
        report.createdAt,
      ],
    );
  }

  /** Latest reports first, optionally of one stat. */
  async list(stat: StatType | undefined, limit: number): Promise<StoredDriftReport[]> {
    const r = await this.pool.query(`SELECT * FROM drift_reports WHERE ($1::"StatType" IS NULL OR stat = $1::"StatType") ORDER BY created_at DESC, id LIMIT $2`, [stat ?? null, limit]);
    return r.rows.map(toReport);
  }

  /** The latest report of each stat. */
  async latestPerStat(): Promise<StoredDriftReport[]> {
    const r = await this.pool.query('SELECT DISTINCT ON (stat) * FROM drift_reports ORDER BY stat, created_at DESC, id');
    return r.rows.map(toReport);
  }
}

function toReport(x: Record<string, unknown>): StoredDriftReport {
  return {
    id: x.id as string,
    modelId: x.model_id as string,
    stat: x.stat as StatType,
    windowFrom: x.window_from as string,
    windowTo: x.window_to as string,
    featureDrift: x.feature_drift,
    predictionDrift: x.prediction_drift,
    performance: x.performance,
    maxPsi: x.max_psi as number,
    maeRatio: x.mae_ratio as number | null,
    retrainRequested: x.retrain_requested as boolean,
    createdAt: x.created_at as Date,
  };
}
