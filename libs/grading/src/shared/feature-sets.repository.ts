import type { Pool } from 'pg';

/** SQL of feature_sets as grading reads it. */
export class FeatureSetsRepository {
  constructor(private readonly pool: Pool) {}

  /** The stored column order of a feature set's vectors, or null when the set has no row. */
  async featureNames(featureSetId: string): Promise<string[] | null> {
    const r = await this.pool.query<{ feature_names: string[] }>('SELECT feature_names FROM feature_sets WHERE id = $1', [featureSetId]);
    return r.rows[0]?.feature_names ?? null;
  }
}
