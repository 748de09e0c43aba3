import { InvalidInputError } from '../errors';

/** One bucket of {@link byBucket}: [lower, upper) with its items' summary. */
export interface BucketSummary<R> {
  label: string;
  lower: number;
  upper: number;
  count: number;
  value: R;
}

/**
 * Groups items into buckets (-inf, e0), [e0, e1), ..., [ek, +inf) by `key` (e.g. expected minutes) and summarises
 * each non-empty bucket, e.g. byBucket(rows, r => r.minutes, [10, 20, 30], g => mae(...)). Items whose key is NaN are skipped.
 */
export function byBucket<T, R>(items: readonly T[], key: (item: T) => number, edges: readonly number[], summarise: (group: T[]) => R): BucketSummary<R>[] {
  for (let i = 1; i < edges.length; i++) {
    if (!(edges[i] > edges[i - 1])) throw new InvalidInputError('bucket edges must be strictly increasing');
  }
  const bounds = [-Infinity, ...edges, Infinity];
  const groups: T[][] = bounds.slice(1).map(() => []);
  for (const item of items) {
    const k = key(item);
    if (Number.isNaN(k)) continue;
    let b = 0;
    while (k >= bounds[b + 1]) b++;
    groups[b].push(item);
  }
  const out: BucketSummary<R>[] = [];
  groups.forEach((group, b) => {
    if (group.length === 0) return;
    const [lower, upper] = [bounds[b], bounds[b + 1]];
    out.push({ label: `[${lower}, ${upper})`, lower, upper, count: group.length, value: summarise(group) });
  });
  return out;
}
