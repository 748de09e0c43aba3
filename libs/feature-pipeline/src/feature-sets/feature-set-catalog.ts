import { FEATURE_SETS, FeatureSetV1, type FeatureSet } from '@propcast/features';
import { UnknownFeatureSetError } from '../errors';

/** Feature sets this service can compute and serve. */
export const KNOWN_FEATURE_SETS: readonly FeatureSet[] = FEATURE_SETS;

/**
 * Resolves a feature set by id (`player-props@v1`) or by version within the default set's name (`v1`, `1`);
 * throws UnknownFeatureSetError naming the known ids.
 */
export function resolveFeatureSet(ref: string, defaultName = FeatureSetV1.name): FeatureSet {
  const version = /^v?(\d+)$/.exec(ref.trim());
  const found = version ? KNOWN_FEATURE_SETS.find((s) => s.name === defaultName && s.version === Number(version[1])) : KNOWN_FEATURE_SETS.find((s) => s.id === ref.trim());
  if (found === undefined)
    throw new UnknownFeatureSetError(
      ref,
      KNOWN_FEATURE_SETS.map((s) => s.id),
    );
  return found;
}
