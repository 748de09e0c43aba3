/** How to build a model's input row from a feature-set vector: identity, or a source index per model column. */
export type ColumnMapping = { kind: 'identity' } | { kind: 'indexed'; indices: Int32Array } | { kind: 'missing'; names: string[] };

/** Maps the model's ordered input columns onto the feature set's columns by name. */
export function columnMapping(modelColumns: readonly string[], featureSetColumns: readonly string[]): ColumnMapping {
  if (modelColumns.length === featureSetColumns.length && modelColumns.every((name, i) => featureSetColumns[i] === name)) return { kind: 'identity' };
  const position = new Map(featureSetColumns.map((name, i) => [name, i]));
  const missing = modelColumns.filter((name) => !position.has(name));
  if (missing.length > 0) return { kind: 'missing', names: missing };
  return { kind: 'indexed', indices: Int32Array.from(modelColumns, (name) => position.get(name) ?? -1) };
}

/** Writes `vector` (feature-set order) as row `row` of the row-major model input `out`. */
export function writeModelRow(out: Float32Array, row: number, width: number, vector: Float32Array, mapping: Exclude<ColumnMapping, { kind: 'missing' }>): void {
  if (mapping.kind === 'identity') {
    out.set(vector, row * width);
    return;
  }
  const base = row * width;
  for (let c = 0; c < width; c++) out[base + c] = vector[mapping.indices[c]];
}
