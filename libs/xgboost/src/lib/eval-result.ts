/** Metric values of one evaluation round: `{ [datasetName]: { [metricName]: value } }`. */
export type EvalValues = Record<string, Record<string, number>>;

/**
 * Parses XGBoosterEvalOneIter output such as `[3]\ttrain-rmse:0.31\tvalid-rmse:0.42`
 * into `{ train: { rmse: 0.31 }, valid: { rmse: 0.42 } }`, using the known dataset names.
 */
export function parseEvalResult(text: string, datasetNames: readonly string[]): EvalValues {
  const result: EvalValues = {};
  for (const name of datasetNames) result[name] = {};
  // Longest names first so that "valid-2" wins over "valid" as a prefix.
  const byLength = [...datasetNames].sort((a, b) => b.length - a.length);
  for (const token of text.split('\t').slice(1)) {
    const colon = token.lastIndexOf(':');
    if (colon < 0) continue;
    const key = token.slice(0, colon);
    const dataset = byLength.find((name) => key.startsWith(`${name}-`));
    if (dataset === undefined) throw new Error(`Cannot attribute XGBoost eval entry "${token}" to one of: ${datasetNames.join(', ')}`);
    (result[dataset] as Record<string, number>)[key.slice(dataset.length + 1)] = parseMetric(token.slice(colon + 1));
  }
  return result;
}

function parseMetric(text: string): number {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'inf' || trimmed === '+inf') return Infinity;
  if (trimmed === '-inf') return -Infinity;
  return Number.parseFloat(trimmed);
}
