import type { StatType } from '@propcast/contracts';
import { FeatureSetV1 } from '@propcast/features';
import type { StatDataset } from '../dataset/dataset.types';

/** A small StatDataset over v1 feature names: `dates` dates with `perDate` rows each, values from `value(i, j)`. */
export function statDatasetFixture(options: { stat?: StatType; dates: string[]; perDate: number; value?: (row: number, col: number) => number; target?: (row: number) => number }): StatDataset {
  const names = FeatureSetV1.featureNames;
  const n = options.dates.length * options.perDate;
  const features = new Float32Array(n * names.length);
  const target = new Float32Array(n);
  const gameDates: string[] = [];
  const gameIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const d = Math.floor(i / options.perDate);
    gameDates.push(options.dates[d]);
    gameIds.push(`00218${String(d * 10 + (i % 2)).padStart(5, '0')}`);
    for (let j = 0; j < names.length; j++) features[i * names.length + j] = options.value ? options.value(i, j) : (i + j) % 7;
    target[i] = options.target ? options.target(i) : i % 5;
  }
  return {
    stat: options.stat ?? 'POINTS',
    featureSetId: FeatureSetV1.id,
    featureNames: names,
    window: { from: options.dates[0], to: options.dates[options.dates.length - 1] },
    size: n,
    rowIds: Float64Array.from({ length: n }, (_, i) => i + 1),
    playerIds: Int32Array.from({ length: n }, (_, i) => 1000 + (i % options.perDate)),
    gameIds,
    gameDates,
    minutes: Float32Array.from({ length: n }, (_, i) => 5 + (i % 40)),
    features,
    target,
    line: new Float32Array(n).fill(Number.NaN),
  };
}

/** `count` consecutive dates from `start` (YYYY-MM-DD). */
export function consecutiveDates(start: string, count: number): string[] {
  const base = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(base + i * 86_400_000).toISOString().slice(0, 10));
}
