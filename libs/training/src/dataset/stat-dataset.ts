import { MINUTES_TARGET, type ModelTarget } from '@propcast/contracts';
import type { PlayerGameRows, StatDataset } from './dataset.types';

/**
 * The rows of `stat` whose target is known, in source order (sharing the arrays when every row has one). MINUTES
 * (the minutes model) targets the minutes played and has no prop line.
 */
export function toStatDataset(rows: PlayerGameRows, stat: ModelTarget): StatDataset {
  const minutes = stat === MINUTES_TARGET;
  const target = minutes ? rows.minutes : rows.targets[stat];
  const keep: number[] = [];
  for (let i = 0; i < rows.size; i++) if (Number.isFinite(target[i])) keep.push(i);
  const all: StatDataset = {
    stat,
    featureSetId: rows.featureSetId,
    featureNames: rows.featureNames,
    window: rows.window,
    size: rows.size,
    rowIds: rows.rowIds,
    playerIds: rows.playerIds,
    gameIds: rows.gameIds,
    gameDates: rows.gameDates,
    minutes: rows.minutes,
    features: rows.features,
    target,
    line: minutes ? new Float32Array(rows.size).fill(Number.NaN) : rows.lines[stat],
  };
  return keep.length === rows.size ? all : selectRows(all, keep);
}

/** A new dataset holding the given rows of `ds`, in the given order (arrays are copied). */
export function selectRows(ds: StatDataset, indices: readonly number[]): StatDataset {
  const ncol = ds.featureNames.length;
  const n = indices.length;
  const out: StatDataset = {
    ...ds,
    size: n,
    rowIds: new Float64Array(n),
    playerIds: new Int32Array(n),
    gameIds: new Array<string>(n),
    gameDates: new Array<string>(n),
    minutes: new Float32Array(n),
    features: new Float32Array(n * ncol),
    target: new Float32Array(n),
    line: new Float32Array(n),
  };
  for (let k = 0; k < n; k++) {
    const i = indices[k];
    out.rowIds[k] = ds.rowIds[i];
    out.playerIds[k] = ds.playerIds[i];
    out.gameIds[k] = ds.gameIds[i];
    out.gameDates[k] = ds.gameDates[i];
    out.minutes[k] = ds.minutes[i];
    out.target[k] = ds.target[i];
    out.line[k] = ds.line[i];
    out.features.set(ds.features.subarray(i * ncol, (i + 1) * ncol), k * ncol);
  }
  return out;
}

/** Column `name` of the dataset's feature matrix as a new array; throws when the feature set has no such column. */
export function featureColumn(ds: Pick<StatDataset, 'featureNames' | 'features' | 'size'>, name: string): Float32Array {
  const j = ds.featureNames.indexOf(name);
  if (j < 0) throw new RangeError(`feature "${name}" is not in the dataset's feature set`);
  const ncol = ds.featureNames.length;
  const out = new Float32Array(ds.size);
  for (let i = 0; i < ds.size; i++) out[i] = ds.features[i * ncol + j];
  return out;
}
