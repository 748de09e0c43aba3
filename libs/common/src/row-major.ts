/** Row-major rows with one more column, `values[i]` last on row i (e.g. a model input computed beside the stored features). */
export function appendColumn(features: Float32Array, ncol: number, values: Float32Array): Float32Array {
  const n = values.length;
  if (features.length !== n * ncol) throw new RangeError(`${features.length / ncol} rows for ${n} values`);
  const out = new Float32Array(n * (ncol + 1));
  for (let i = 0; i < n; i++) {
    out.set(features.subarray(i * ncol, (i + 1) * ncol), i * (ncol + 1));
    out[i * (ncol + 1) + ncol] = values[i];
  }
  return out;
}
