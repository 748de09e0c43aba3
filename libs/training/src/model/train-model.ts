import type { Booster } from '@propcast/xgboost';
import type { StatDataset } from '../dataset/dataset.types';
import { selectRows } from '../dataset/stat-dataset';
import { toBoosterParams, type BoosterConfig, type TrainingObjective } from './booster-config';
import { fitBooster, predictBest, toMatrix } from './fit-booster';
import { searchHyperparameters, type TrialRecord } from './hyperparameter-search';
import { seededRandom } from '@propcast/common';
import { sampleIndices } from './sample-indices';
import { XgboostClock } from './xgboost-clock';

/** Search and final-fit settings. */
export interface ModelTrainingOptions {
  budgetMinutes: number;
  objectives: readonly TrainingObjective[];
  /** Training rows each search trial uses (a fixed random subsample shared by all trials). */
  subsampleRows: number;
  maxTrials: number;
  maxRounds: number;
  earlyStoppingRounds: number;
  nthread: number;
  seed: number;
}

/** Progress callbacks of {@link trainModel}. */
export interface ModelTrainingHooks {
  clock?: XgboostClock;
  signal?: AbortSignal;
  /** After every search trial (to log it on the run). */
  onTrial?: (trial: TrialRecord, trials: readonly TrialRecord[]) => void | Promise<void>;
  /** During the final fit, with the round just finished. */
  onFinalRound?: (round: number, maxRounds: number) => void;
}

/** The final model, how it was chosen, and its predictions on validation and test. */
export interface TrainedModel {
  booster: Booster;
  config: BoosterConfig;
  params: ReturnType<typeof toBoosterParams>;
  bestIteration: number;
  trials: TrialRecord[];
  /** Index of the search trial whose config was chosen. */
  chosenTrial: number;
  validationPredictions: Float32Array;
  testPredictions: Float32Array;
}

/**
 * Chooses objective and settings by budgeted search on validation MAE, then fits the chosen config on the whole
 * training split with early stopping on validation, and predicts validation and test rows with the best rounds.
 */
export async function trainModel(train: StatDataset, validation: StatDataset, test: StatDataset, options: ModelTrainingOptions, hooks: ModelTrainingHooks = {}): Promise<TrainedModel> {
  const clock = hooks.clock ?? new XgboostClock();
  const dtrain = toMatrix(train.features, train.target, train.featureNames, clock);
  const dvalid = toMatrix(validation.features, validation.target, train.featureNames, clock);
  const sample = sampleIndices(train.size, options.subsampleRows, seededRandom(options.seed));
  const subsample = sample.length < train.size ? selectRows(train, sample) : null;
  const dsearch = subsample ? toMatrix(subsample.features, subsample.target, train.featureNames, clock) : dtrain;
  try {
    const search = await searchHyperparameters(dsearch, dvalid, options, { clock, signal: hooks.signal, onTrial: hooks.onTrial });
    const chosenTrial = search.trials.findIndex((t) => t.config === search.best);
    if (dsearch !== dtrain) dsearch.matrix.dispose();
    const started = Date.now();
    const fitted = await fitBooster({
      config: search.best,
      train: dtrain,
      validation: dvalid,
      maxRounds: options.maxRounds,
      earlyStoppingRounds: options.earlyStoppingRounds,
      nthread: options.nthread,
      seed: options.seed,
      clock,
      signal: hooks.signal,
      onRound: (round) => hooks.onFinalRound?.(round, options.maxRounds),
    });
    const final: TrialRecord = {
      trial: search.trials.length,
      phase: 'final',
      config: search.best,
      trainRows: train.size,
      rounds: fitted.rounds,
      bestIteration: fitted.bestIteration,
      validationMae: fitted.validationMae,
      seconds: (Date.now() - started) / 1000,
    };
    const trials = [...search.trials, final];
    await hooks.onTrial?.(final, trials);
    return {
      booster: fitted.booster,
      config: search.best,
      params: toBoosterParams(search.best, { nthread: options.nthread, seed: options.seed }),
      bestIteration: fitted.bestIteration,
      trials,
      chosenTrial,
      validationPredictions: predictBest(fitted.booster, fitted.bestIteration, validation.features, clock),
      testPredictions: predictBest(fitted.booster, fitted.bestIteration, test.features, clock),
    };
  } finally {
    dsearch.matrix.dispose();
    dtrain.matrix.dispose();
    dvalid.matrix.dispose();
  }
}
