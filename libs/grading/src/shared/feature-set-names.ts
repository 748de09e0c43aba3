import type { Pool } from 'pg';
import { FeatureSetV1 } from '@propcast/features';

/** Column order of a feature set's stored vectors (its feature_sets row, else the code's definition), or null when unknown. */
export async function featureSetNames(pool: Pool, featureSetId: string): Promise<string[] | null> {
  const r = await pool.query<{ feature_names: string[] }>('SELECT feature_names FROM feature_sets WHERE id = $1', [featureSetId]);
  if (r.rows.length) return r.rows[0].feature_names;
  return featureSetId === FeatureSetV1.id ? [...FeatureSetV1.featureNames] : null;
}
