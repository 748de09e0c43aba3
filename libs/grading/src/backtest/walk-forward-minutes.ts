import { dateBlockFolds } from '@propcast/common';
import { DMatrix, train, type Booster, type BoosterParams } from '@propcast/xgboost';

/** Settings of the walk-forward minutes model (fixed, like the stat models': no search inside the backtest). */
export interface MinutesProjectionOptions {
  /** Date blocks of the out-of-fold projection of the training rows (each predicted by a fit on the other blocks). */
  folds: number;
  params: BoosterParams;
  rounds: number;
}

/** Rows a minutes model is fitted on: row-major features, minutes played, game date of each row (ascending). */
export interface MinutesTrainingSet {
  features: Float32Array;
  ncol: number;
  minutes: Float32Array;
  dates: readonly string[];
}

/** A minutes model of one walk-forward retrain and the out-of-fold projections of the rows it was fitted on. */
export class WalkForwardMinutes {
  private constructor(
    private readonly booster: Booster,
    /** One projection per training row, each from a model fitted without any game of that row's date block. */
    readonly outOfFold: Float32Array,
    /** Latest game date the model (and every fold) was fitted on. */
    readonly trainTo: string,
  ) {}

  /** Fits the full minutes model on every row and the out-of-fold projections of those rows. */
  static fit(set: MinutesTrainingSet, options: MinutesProjectionOptions): WalkForwardMinutes {
    const n = set.minutes.length;
    const outOfFold = new Float32Array(n).fill(Number.NaN);
    for (const {
      held: { rows: held },
      fitRows,
    } of dateBlockFolds(set.dates, options.folds)) {
      const booster = fitBooster(set, fitRows, options);
      try {
        const predicted = booster.predict(gather(set.features, set.ncol, held));
        held.forEach((row, k) => (outOfFold[row] = Math.max(0, predicted[k])));
      } finally {
        booster.dispose();
      }
    }
    const all = Array.from({ length: n }, (_, i) => i);
    return new WalkForwardMinutes(fitBooster(set, all, options), outOfFold, set.dates[n - 1]);
  }

  /** Projected minutes (floored at 0) of row-major feature rows of the feature set. */
  predict(features: Float32Array): Float32Array {
    return features.length === 0 ? new Float32Array(0) : this.booster.predict(features).map((m) => Math.max(0, m));
  }

  dispose(): void {
    this.booster.dispose();
  }
}

function gather(features: Float32Array, ncol: number, rows: readonly number[]): Float32Array {
  const out = new Float32Array(rows.length * ncol);
  rows.forEach((r, k) => out.set(features.subarray(r * ncol, (r + 1) * ncol), k * ncol));
  return out;
}

function fitBooster(set: MinutesTrainingSet, rows: readonly number[], options: MinutesProjectionOptions): Booster {
  const dtrain = DMatrix.fromDense(gather(set.features, set.ncol, rows), { ncol: set.ncol, label: Float32Array.from(rows, (r) => set.minutes[r]) });
  try {
    return train({ params: options.params, dtrain, numBoostRound: options.rounds }).booster;
  } finally {
    dtrain.dispose();
  }
}
