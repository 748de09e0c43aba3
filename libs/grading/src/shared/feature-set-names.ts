import type { Pool } from 'pg';
import { FeatureSetV1 } from '@propcast/features';
import { FeatureSetsRepository } from './feature-sets.repository';

const featureSets = new FeatureSetsRepository();

/** Column order of a feature set's stored vectors (its feature_sets row, else the code's definition), or null when unknown. */
export async function featureSetNames(pool: Pool, featureSetId: string): Promise<string[] | null> {
  const stored = await featureSets.featureNames(pool, featureSetId);
  if (stored !== null) return stored;
  return featureSetId === FeatureSetV1.id ? [...FeatureSetV1.featureNames] : null;
}
