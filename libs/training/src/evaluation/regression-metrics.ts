import { bias, byBucket, mae, rmse, withinShare } from '@propcast/prediction';
import type { MinutesBucketMetrics, RegressionMetrics } from './evaluation.types';

/** Minutes-played bucket edges: <10, 10-20, 20-30, 30+. */
export const MINUTES_BUCKET_EDGES: readonly number[] = Object.freeze([10, 20, 30]);

/** MAE, RMSE, bias and the shares within 3 and 5 of predictions against actual values. */
export function regressionMetrics(predicted: ArrayLike<number>, actual: ArrayLike<number>): RegressionMetrics {
  const p = Array.from(predicted);
  const a = Array.from(actual);
  if (p.length === 0) return { n: 0, mae: null, rmse: null, bias: null, within3: null, within5: null };
  return { n: p.length, mae: mae(p, a), rmse: rmse(p, a), bias: bias(p, a), within3: withinShare(p, a, 3), within5: withinShare(p, a, 5) };
}

/** Regression metrics per bucket of minutes actually played. */
export function metricsByMinutes(predicted: ArrayLike<number>, actual: ArrayLike<number>, minutes: ArrayLike<number>): MinutesBucketMetrics[] {
  const rows = Array.from({ length: predicted.length }, (_, i) => i);
  return byBucket(
    rows,
    (i) => minutes[i],
    MINUTES_BUCKET_EDGES,
    (group) =>
      regressionMetrics(
        group.map((i) => predicted[i]),
        group.map((i) => actual[i]),
      ),
  ).map((b) => ({ bucket: bucketLabel(b.lower, b.upper), ...b.value }));
}

function bucketLabel(lower: number, upper: number): string {
  if (lower === -Infinity) return `<${upper}`;
  if (upper === Infinity) return `${lower}+`;
  return `${lower}-${upper}`;
}
