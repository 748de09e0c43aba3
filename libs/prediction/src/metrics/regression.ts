import { assertFinite, assertSameLength } from '../validation';

/** Mean absolute error, mean |predicted - actual|; NaN when empty. */
export function mae(predicted: readonly number[], actual: readonly number[]): number {
  return meanOf(errors(predicted, actual).map(Math.abs));
}

/** Root mean squared error, sqrt(mean (predicted - actual)^2); NaN when empty. */
export function rmse(predicted: readonly number[], actual: readonly number[]): number {
  return Math.sqrt(meanOf(errors(predicted, actual).map((e) => e * e)));
}

/** Bias, mean (predicted - actual): positive = over-prediction; NaN when empty. */
export function bias(predicted: readonly number[], actual: readonly number[]): number {
  return meanOf(errors(predicted, actual));
}

/** Share of rows with |predicted - actual| <= k; NaN when empty. */
export function withinShare(predicted: readonly number[], actual: readonly number[], k: number): number {
  assertFinite(k, 'k');
  return meanOf(errors(predicted, actual).map((e) => (Math.abs(e) <= k ? 1 : 0)));
}

/** Arithmetic mean; NaN when empty. */
export function meanOf(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

function errors(predicted: readonly number[], actual: readonly number[]): number[] {
  assertSameLength(predicted, actual, 'predicted/actual');
  return predicted.map((p, i) => {
    assertFinite(p, `predicted[${i}]`);
    assertFinite(actual[i], `actual[${i}]`);
    return p - actual[i];
  });
}
