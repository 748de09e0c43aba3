import type { Pool } from 'pg';

/** A production model as the demo's summary names it. */
export interface ServingModel {
  stat: string;
  id: string;
  version: number;
  featureSetId: string;
  /** True when the model takes the minutes model's projection as an input. */
  minutesProjection: boolean;
}

/** Reads of the model registry the demo needs beside the trainer's API: which model serves each target, on which feature set. */
export class ServingModelsRepository {
  constructor(private readonly pool: Pool) {}

  /** The PRIMARY production model of each target (stats and MINUTES). */
  async production(): Promise<ServingModel[]> {
    const { rows } = await this.pool.query<{ stat: string; id: string; version: number; feature_set_id: string; minutes_projection: boolean }>(
      `SELECT DISTINCT ON (stat) stat::text AS stat, id, version, feature_set_id, 'minutes_projection' = ANY(feature_names) AS minutes_projection
       FROM models WHERE status = 'PRODUCTION' AND role = 'PRIMARY'
       ORDER BY stat, promoted_at DESC NULLS LAST, version DESC`,
    );
    return rows.map((r) => ({ stat: r.stat, id: r.id, version: r.version, featureSetId: r.feature_set_id, minutesProjection: r.minutes_projection }));
  }
}
