import type { StatDataset } from '../dataset/dataset.types';
import { selectRows } from '../dataset/stat-dataset';
import { DEFAULT_BOOSTER_SETTINGS, type BoosterConfig } from '../model/booster-config';
import { fitBooster, predictBest, toMatrix } from '../model/fit-booster';
import { XgboostClock } from '../model/xgboost-clock';
import type { MinutesFitter } from './out-of-fold';

/** Settings of the out-of-fold minutes fits (fixed: no search, so every fold is fitted the same way). */
export interface MinutesFitSettings {
  maxRounds: number;
  earlyStoppingRounds: number;
  /** Every n-th game date of the fitting rows is held out of the fit for early stopping. */
  validationEvery: number;
  nthread: number;
  seed: number;
}

export const DEFAULT_MINUTES_FIT: Omit<MinutesFitSettings, 'nthread'> = Object.freeze({ maxRounds: 400, earlyStoppingRounds: 20, validationEvery: 10, seed: 42 });

/** The booster every out-of-fold minutes fit uses: the trainer's default settings, squared error. */
export const MINUTES_FIT_CONFIG: BoosterConfig = Object.freeze({ ...DEFAULT_BOOSTER_SETTINGS, objective: 'reg:squarederror' });

/**
 * Fits an XGBoost minutes model on the fitting rows (early stopping on every n-th of their game dates, never on the rows
 * it predicts) and predicts the other rows with the best rounds.
 */
export class XgboostMinutesFitter implements MinutesFitter {
  constructor(
    private readonly settings: MinutesFitSettings,
    private readonly clock = new XgboostClock(),
    private readonly signal?: AbortSignal,
  ) {}

  async fitPredict(fit: StatDataset, predict: StatDataset): Promise<Float32Array> {
    const dates = [...new Set(fit.gameDates)].sort();
    const held = new Set(dates.filter((_, i) => i % this.settings.validationEvery === this.settings.validationEvery - 1));
    const trainIdx: number[] = [];
    const validIdx: number[] = [];
    fit.gameDates.forEach((d, i) => (held.has(d) ? validIdx : trainIdx).push(i));
    const train = selectRows(fit, trainIdx);
    const valid = selectRows(fit, validIdx.length > 0 ? validIdx : trainIdx);
    const dtrain = toMatrix(train.features, train.target, fit.featureNames, this.clock);
    const dvalid = toMatrix(valid.features, valid.target, fit.featureNames, this.clock);
    try {
      const fitted = await fitBooster({
        config: MINUTES_FIT_CONFIG,
        train: dtrain,
        validation: dvalid,
        maxRounds: this.settings.maxRounds,
        earlyStoppingRounds: this.settings.earlyStoppingRounds,
        nthread: this.settings.nthread,
        seed: this.settings.seed,
        clock: this.clock,
        signal: this.signal,
      });
      try {
        return predictBest(fitted.booster, fitted.bestIteration, predict.features, this.clock);
      } finally {
        fitted.booster.dispose();
      }
    } finally {
      dtrain.matrix.dispose();
      dvalid.matrix.dispose();
    }
  }
}
