import { DistributionChoice, InsufficientDataError, ProbabilityModel, type CountModelOptions, type DistributionFamily, type OverUnder, type ProbabilityModelOptions } from '@propcast/prediction';
import { DMatrix, train, type Booster, type BoosterParams } from '@propcast/xgboost';
import { InsufficientHistoryError } from '../errors';

/** Rows a walk-forward model is trained on, ordered by date. */
export interface WalkForwardTrainingSet {
  /** Row-major, `ncol` values per row, NaN = missing. */
  features: Float32Array;
  ncol: number;
  labels: Float32Array;
  /** Game date of each row, ascending. */
  dates: readonly string[];
  /** Line each row is calibrated against (real, else proxy); NaN rows are left out of calibration. */
  lines: Float64Array;
}

/** Fixed training settings of walk-forward models. */
export interface WalkForwardOptions {
  params: BoosterParams;
  rounds: number;
  /** Share of the latest rows (whole dates) held out to fit the probability model on out-of-sample predictions. */
  calibrationShare: number;
  probability: ProbabilityModelOptions;
  /** Bucketing of the count distributions fitted beside the residual model. */
  count?: CountModelOptions;
}

/** XGBoost mean model plus the distributions (residual + isotonic, count families) fitted on its held-out predictions. */
export class WalkForwardModel {
  private constructor(
    private readonly booster: Booster,
    /** Every family fitted on the held-out predictions; its own choice is by the likelihood of the held-out outcomes. */
    readonly distributions: DistributionChoice,
    /** Rows the booster was fitted on and rows the probability model was fitted on. */
    readonly rows: { fit: number; calibration: number },
  ) {}

  /**
   * Trains the booster on the earlier `1 - calibrationShare` of the rows (split on a date boundary) and the
   * probability model on its predictions for the rest; throws InsufficientHistoryError when either part is too small.
   */
  static fit(set: WalkForwardTrainingSet, options: WalkForwardOptions): WalkForwardModel {
    const n = set.labels.length;
    const splitDate = set.dates[Math.floor(n * (1 - options.calibrationShare))];
    const boundary = splitDate === undefined ? n : set.dates.indexOf(splitDate);
    if (boundary <= 0 || boundary >= n) throw new InsufficientHistoryError(`${n} rows cannot be split into fitting and calibration dates`);
    const dtrain = DMatrix.fromDense(set.features.subarray(0, boundary * set.ncol), { ncol: set.ncol, label: set.labels.subarray(0, boundary) });
    let booster: Booster;
    try {
      booster = train({ params: options.params, dtrain, numBoostRound: options.rounds }).booster;
    } finally {
      dtrain.dispose();
    }
    try {
      const predicted = booster.predict(set.features.subarray(boundary * set.ncol));
      const rows = [];
      const outcomes = [];
      for (let i = boundary; i < n; i++) {
        const mean = Math.max(0, predicted[i - boundary]);
        outcomes.push({ predicted: mean, actual: set.labels[i] });
        if (Number.isFinite(set.lines[i])) rows.push({ predicted: mean, actual: set.labels[i], line: set.lines[i] });
      }
      const probability = ProbabilityModel.fit(rows, options.probability);
      const distributions = DistributionChoice.fit(outcomes, [], probability, { count: options.count });
      return new WalkForwardModel(booster, distributions, { fit: boundary, calibration: rows.length });
    } catch (err) {
      booster.dispose();
      if (err instanceof InsufficientDataError) throw new InsufficientHistoryError(`probability model: ${err.message}`);
      throw err;
    }
  }

  /** Predicted means (floored at 0) of row-major feature rows. */
  predict(features: Float32Array): Float32Array {
    return features.length === 0 ? new Float32Array(0) : this.booster.predict(features).map((m) => Math.max(0, m));
  }

  /** Over/under/push probabilities of `line` given a predicted mean, under `family` (default: the model's own choice). */
  overUnder(predicted: number, line: number, family?: DistributionFamily): OverUnder {
    return this.distributions.overUnder(predicted, line, family);
  }

  /** Frees the native booster. */
  dispose(): void {
    this.booster.dispose();
  }
}
