import { appendColumn } from '@propcast/common';
import { MINUTES_PROJECTION_FEATURE } from '@propcast/contracts';
import type { PlayerGameRows } from '../dataset/dataset.types';

export { MINUTES_PROJECTION_FEATURE };

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
  const features = appendColumn(rows.features, rows.featureNames.length, projection);
  return { ...rows, featureNames: [...rows.featureNames, MINUTES_PROJECTION_FEATURE], features };
}
