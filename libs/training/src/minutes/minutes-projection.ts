import type { PlayerGameRows } from '../dataset/dataset.types';

/**
 * Model input holding the minutes model's projection of the player's minutes. Not a stored feature: it depends on a
 * model, so it is computed when a stat model trains (out of fold), is evaluated or serves (the served minutes model),
 * and appended after the feature set's columns.
 */
export const MINUTES_PROJECTION_FEATURE = 'minutes_projection';

/** Whether a model's inputs include the minutes projection. */
export function needsMinutesProjection(featureNames: readonly string[]): boolean {
  return featureNames.includes(MINUTES_PROJECTION_FEATURE);
}

/** The stored feature-set columns of a model's inputs (the projection taken out). */
export function storedFeatureNames(featureNames: readonly string[]): string[] {
  return featureNames.filter((name) => name !== MINUTES_PROJECTION_FEATURE);
}

/** The rows with one more feature column, `minutes_projection`, last (one value per row, in row order). */
export function withMinutesProjection(rows: PlayerGameRows, projection: Float32Array): PlayerGameRows {
  if (projection.length !== rows.size) throw new RangeError(`${projection.length} projections for ${rows.size} rows`);
  if (needsMinutesProjection(rows.featureNames)) throw new RangeError('the rows already hold a minutes projection');
  const ncol = rows.featureNames.length;
  const features = new Float32Array(rows.size * (ncol + 1));
  for (let i = 0; i < rows.size; i++) {
    features.set(rows.features.subarray(i * ncol, (i + 1) * ncol), i * (ncol + 1));
    features[i * (ncol + 1) + ncol] = projection[i];
  }
  return { ...rows, featureNames: [...rows.featureNames, MINUTES_PROJECTION_FEATURE], features };
}
