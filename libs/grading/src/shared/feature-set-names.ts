import type { Pool } from 'pg';
import { FeatureSetV1 } from '@propcast/features';
import { FeatureSetsRepository } from './feature-sets.repository';

/** Column order of a feature set's stored vectors (its feature_sets row, else the code's definition), or null when unknown. */
export async function featureSetNamesFrom(featureSets: Pick<FeatureSetsRepository, 'featureNames'>, featureSetId: string): Promise<string[] | null> {
  const stored = await featureSets.featureNames(featureSetId);
  if (stored !== null) return stored;
  return featureSetId === FeatureSetV1.id ? [...FeatureSetV1.featureNames] : null;
}

/** {@link featureSetNamesFrom} on the pool's feature_sets (the backtest's entry point). */
export function featureSetNames(pool: Pool, featureSetId: string): Promise<string[] | null> {
  return featureSetNamesFrom(new FeatureSetsRepository(pool), featureSetId);
}
