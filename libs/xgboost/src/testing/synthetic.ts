/** Deterministic test data for the xgboost specs (not part of the public API). */

import { seededRandom } from '@propcast/common';

/** Label shape a synthetic regression problem should have. */
export type LabelKind = 'real' | 'positive' | 'binary' | 'probability';

/** Row-major features (with `missingRate` NaNs) and labels with some signal in them. */
export function syntheticData(rows: number, cols: number, options: { seed?: number; missingRate?: number; labels?: LabelKind } = {}): { features: Float32Array; labels: Float32Array } {
  const random = seededRandom(options.seed ?? 1);
  const missingRate = options.missingRate ?? 0.05;
  const features = new Float32Array(rows * cols);
  const labels = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    let signal = 0;
    for (let j = 0; j < cols; j++) {
      const value = random() * 10 - 5;
      features[i * cols + j] = random() < missingRate ? NaN : value;
      signal += Math.sin(value * (j + 1) * 0.3) / (j + 1);
    }
    labels[i] = toLabel(signal + (random() - 0.5) * 0.3, options.labels ?? 'real', random);
  }
  return { features, labels };
}

function toLabel(signal: number, kind: LabelKind, random: () => number): number {
  switch (kind) {
    case 'real':
      return signal;
    case 'positive':
      return Math.exp(signal) + 0.01;
    case 'probability':
      return 1 / (1 + Math.exp(-2 * signal));
    case 'binary':
      return random() < 1 / (1 + Math.exp(-3 * signal)) ? 1 : 0;
  }
}
