import { availableParallelism } from 'node:os';
import { MINUTES_TARGET } from '@propcast/contracts';
import type { PlayerGameRows } from '../dataset/dataset.types';
import { toStatDataset } from '../dataset/stat-dataset';
import type { XgboostClock } from '../model/xgboost-clock';
import { withMinutesProjection } from './minutes-projection';
import { outOfFoldProjection, type MinutesFitter, type OutOfFoldProjection } from './out-of-fold';
import { DEFAULT_MINUTES_FIT, XgboostMinutesFitter, type MinutesFitSettings } from './xgboost-minutes-fitter';

/** How stat models get the minutes projection in training (TrainingSettings.minutesProjection). */
export interface MinutesProjectionSettings extends MinutesFitSettings {
  /** Date blocks of the out-of-fold projection (each predicted by a model fitted on the others). */
  folds: number;
}

/** Rows with the out-of-fold `minutes_projection` column appended, and how it was made. */
export interface ProjectedRows {
  rows: PlayerGameRows;
  projection: OutOfFoldProjection;
}

/** Appends an out-of-fold minutes projection to training rows (real XGBoost fits unless a fitter is given). */
export async function projectRowsOutOfFold(
  rows: PlayerGameRows,
  settings: MinutesProjectionSettings,
  hooks: { clock?: XgboostClock; signal?: AbortSignal; fitter?: MinutesFitter; onFold?: (done: number, total: number) => void } = {},
): Promise<ProjectedRows> {
  const minutes = toStatDataset(rows, MINUTES_TARGET);
  if (minutes.size !== rows.size) throw new RangeError(`${rows.size - minutes.size} rows have no minutes`);
  const fitter = hooks.fitter ?? new XgboostMinutesFitter(settings, hooks.clock, hooks.signal);
  const projection = await outOfFoldProjection(minutes, settings.folds, fitter, hooks.onFold);
  return { rows: withMinutesProjection(rows, projection.values), projection };
}

/** Five date blocks, the default fit settings, every core. */
export function defaultMinutesProjection(overrides: Partial<MinutesProjectionSettings> = {}): MinutesProjectionSettings {
  return { folds: 5, ...DEFAULT_MINUTES_FIT, nthread: availableParallelism(), ...overrides };
}
