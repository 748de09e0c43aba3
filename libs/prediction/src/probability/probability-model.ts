import { z } from 'zod';
import { InsufficientDataError, InvalidInputError, ModelStateError } from '../errors';
import { assertFinite } from '../validation';
import { IsotonicCalibrator, type IsotonicCalibratorJSON, type IsotonicOptions } from './isotonic-calibrator';
import { conditionalOver, type OverUnder } from './line-probabilities';
import { ResidualModel, type ResidualModelJSON, type ResidualModelOptions } from './residual-model';

/** One validation row: predicted mean, realised stat, and the (real or proxy) line it is graded against. */
export interface ProbabilityFitRow {
  predicted: number;
  actual: number;
  line: number;
}

/** Options of {@link ProbabilityModel.fit}. */
export interface ProbabilityModelOptions {
  residual?: ResidualModelOptions;
  calibration?: IsotonicOptions;
  /**
   * Folds for cross-fitting the calibrator's inputs (default 5): row i's raw probability comes from a residual
   * model fitted without fold i % K, so the calibrator never sees in-sample residual probabilities. 1 = in-sample.
   */
  crossFitFolds?: number;
}

export const PROBABILITY_MODEL_VERSION = 1;

const ProbabilityModelSchema = z.object({
  kind: z.literal('probability-model'),
  version: z.literal(PROBABILITY_MODEL_VERSION),
  residual: z.unknown(),
  calibrator: z.unknown(),
  fit: z.object({
    rows: z.number().int().nonnegative(),
    calibrationRows: z.number().int().nonnegative(),
    crossFitFolds: z.number().int().positive(),
  }),
});

/** Serialised {@link ProbabilityModel}: the one blob the trainer writes into metadata.json and the worker loads. */
export interface ProbabilityModelJSON {
  kind: 'probability-model';
  version: typeof PROBABILITY_MODEL_VERSION;
  residual: ResidualModelJSON;
  calibrator: IsotonicCalibratorJSON;
  /** Fit bookkeeping: rows used, non-push rows the calibrator saw, cross-fitting folds. */
  fit: { rows: number; calibrationRows: number; crossFitFolds: number };
}

/**
 * Residual model + isotonic calibrator: calibrated over/under/push probabilities of a line given a predicted mean.
 *
 * Push handling: the calibrator is fitted on, and applied to, the over-probability conditional on no push,
 * q = over / (over + under) (pushes are excluded from its outcomes). The push probability comes from the
 * residual model unchanged, so over = (1 - push) * c(q), under = (1 - push) * (1 - c(q)), and over + under + push = 1.
 * For half lines push = 0 and over = c(raw over).
 */
export class ProbabilityModel {
  private constructor(
    /** Residual distribution by predicted mean (uncalibrated probabilities, quantiles). */
    readonly residualModel: ResidualModel,
    /** Isotonic map applied to the conditional over-probability. */
    readonly calibrator: IsotonicCalibrator,
    private readonly fitInfo: ProbabilityModelJSON['fit'],
  ) {}

  /** Fits the residual model on all rows and the calibrator on cross-fitted raw probabilities of non-push rows. */
  static fit(rows: readonly ProbabilityFitRow[], options: ProbabilityModelOptions = {}): ProbabilityModel {
    const folds = options.crossFitFolds ?? 5;
    if (!Number.isInteger(folds) || folds < 1) throw new InvalidInputError(`crossFitFolds must be a positive integer, got ${folds}`);
    if (rows.length < folds) throw new InsufficientDataError(`${rows.length} rows cannot be split into ${folds} folds`);
    rows.forEach((r, i) => assertFinite(r.line, `rows[${i}].line`));

    const residualModel = ResidualModel.fit(rows, options.residual);
    const raw: number[] = [];
    const outcomes: number[] = [];
    for (let fold = 0; fold < folds; fold++) {
      const model = folds === 1 ? residualModel : fitWithout(rows, fold, folds, options.residual);
      rows.forEach((r, i) => {
        if (i % folds !== fold || r.actual === r.line) return;
        raw.push(conditionalOver(model.overUnder(r.predicted, r.line)));
        outcomes.push(r.actual > r.line ? 1 : 0);
      });
    }
    const calibrator = IsotonicCalibrator.fit(raw, outcomes, options.calibration);
    return new ProbabilityModel(residualModel, calibrator, { rows: rows.length, calibrationRows: raw.length, crossFitFolds: folds });
  }

  /** Restores a model from {@link ProbabilityModel.toJSON} output (e.g. parsed metadata.json); throws ModelStateError when malformed. */
  static fromJSON(json: unknown): ProbabilityModel {
    const parsed = ProbabilityModelSchema.safeParse(json);
    if (!parsed.success) throw new ModelStateError(`invalid probability model state: ${z.prettifyError(parsed.error)}`);
    if (parsed.data.fit.calibrationRows > parsed.data.fit.rows) throw new ModelStateError('invalid probability model state: more calibration rows than rows');
    return new ProbabilityModel(ResidualModel.fromJSON(parsed.data.residual), IsotonicCalibrator.fromJSON(parsed.data.calibrator), parsed.data.fit);
  }

  /** Calibrated over/under/push probabilities of `line` given the predicted mean; they sum to 1. */
  overUnder(predicted: number, line: number): OverUnder {
    const raw = this.residualModel.overUnder(predicted, line);
    const decided = raw.over + raw.under;
    if (decided <= 0) return { over: 0, under: 0, push: 1 };
    const push = raw.push;
    const over = (1 - push) * this.calibrator.apply(conditionalOver(raw));
    return { over, under: 1 - push - over, push };
  }

  /** The q-quantile of the outcome given the predicted mean (uncalibrated residual quantile; see ResidualModel.quantile). */
  quantile(predicted: number, q: number): number {
    return this.residualModel.quantile(predicted, q);
  }

  /** JSON-serialisable state (a copy). */
  toJSON(): ProbabilityModelJSON {
    return {
      kind: 'probability-model',
      version: PROBABILITY_MODEL_VERSION,
      residual: this.residualModel.toJSON(),
      calibrator: this.calibrator.toJSON(),
      fit: { ...this.fitInfo },
    };
  }
}

/** Residual model fitted on every row outside `fold`, with context when the remaining rows are too few. */
function fitWithout(rows: readonly ProbabilityFitRow[], fold: number, folds: number, options: ResidualModelOptions | undefined): ResidualModel {
  const training = rows.filter((_, i) => i % folds !== fold);
  try {
    return ResidualModel.fit(training, options);
  } catch (error) {
    if (error instanceof InsufficientDataError) {
      throw new InsufficientDataError(`cross-fitting fold ${fold} of ${folds}: ${error.message}; use fewer folds or more rows`);
    }
    throw error;
  }
}
