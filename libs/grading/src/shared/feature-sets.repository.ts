import type { Pool } from 'pg';

/** SQL of feature_sets as grading reads it. */
export class FeatureSetsRepository {
  /** The stored column order of a feature set's vectors, or null when the set has no row. */
  async featureNames(pool: Pool, featureSetId: string): Promise<string[] | null> {
    const r = await pool.query<{ feature_names: string[] }>('SELECT feature_names FROM feature_sets WHERE id = $1', [featureSetId]);
    return r.rows[0]?.feature_names ?? null;
  }
}
