import type { Booster } from '@propcast/xgboost';
import type { StatDataset } from '../dataset/dataset.types';
import { selectRows } from '../dataset/stat-dataset';
import { toBoosterParams, type BoosterConfig, type TrainingObjective } from './booster-config';
import { fitBooster, fitFixedRounds, predictBest, toMatrix, type FittedBooster, type TrainingMatrix } from './fit-booster';
import { searchHyperparameters, type TrialRecord } from './hyperparameter-search';
import { seasonDecayWeights } from './recency-weights';
import { seededRandom } from '@propcast/common';
import { sampleIndices } from './sample-indices';
import { XgboostClock } from './xgboost-clock';

/** Search, selection-fit and refit settings. */
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
  /**
   * Refit the served model on every row of the window (train, validation and test dates) with the chosen settings
   * and recency decay, for the round count `refitRounds` says. False: the selection fit (training dates only)
   * serves, as before.
   */
  refit: boolean;
  /**
   * Round count of the refit: `rows` scales the selection fit's best round count by refit rows / training rows
   * (about 1.43 with the 70/15/15 split); `same` keeps it.
   */
  refitRounds: 'rows' | 'same';
  /**
   * Season-decay weights tried after the search (see seasonDecayWeights); 1 or an empty list tries none. A decay is
   * kept only when its selection fit lowers validation MAE by at least `minRecencyGain` (relative).
   */
  recencyDecays: readonly number[];
  minRecencyGain: number;
  /**
   * How many of the search's best configs (by validation MAE on the subsample) are fitted on the whole training
   * split before one is chosen, when the search ran random trials; default 1 (the search's best). The subsample
   * ranks configs noisily, and the best of many noisy candidates is the more flattered the more there are: on 2012-20
   * ASSISTS the top random configs were 0.0002 apart on the subsample and 0.01 apart on the test season. A search of
   * the objectives at default settings only (budget 0: four candidates) keeps its best, which saves two full fits.
   */
  finalists?: number;
}

/** Progress callbacks of {@link trainModel}. */
export interface ModelTrainingHooks {
  clock?: XgboostClock;
  signal?: AbortSignal;
  /** After every search trial (to log it on the run). */
  onTrial?: (trial: TrialRecord, trials: readonly TrialRecord[]) => void | Promise<void>;
  /** During the selection fit and recency trials, with the round just finished. */
  onFinalRound?: (round: number, maxRounds: number) => void;
  /** During the refit, with the round just finished. */
  onRefitRound?: (round: number, rounds: number) => void;
}

/** Dates, rows and rounds of one fit. */
export interface FitSummary {
  from: string;
  to: string;
  rows: number;
  /** Boosting rounds the fitted model predicts with. */
  rounds: number;
  /** Season decay of the instance weights (1 = unweighted). */
  recencyDecay: number;
}

/** The fit the settings and round count were chosen on: training dates, early stopping on validation dates. */
export interface SelectionFit extends FitSummary {
  bestIteration: number;
  validationMae: number;
  /** Validation MAE of the unweighted fit (equal to validationMae when no decay was kept). */
  unweightedValidationMae: number;
  /** Out-of-sample predictions (native, best rounds): evaluation, the probability model and the gate use them. */
  validationPredictions: Float32Array;
  testPredictions: Float32Array;
}

/** The refit on every row of the window. */
export interface RefitSummary extends FitSummary {
  /** rounds / selection rounds (refit rows / training rows, or 1). */
  roundScale: number;
}

/** The served model, how it was chosen, and both fits. */
export interface TrainedModel {
  /** The model that serves: the refit when enabled, else the selection fit. */
  booster: Booster;
  config: BoosterConfig;
  params: ReturnType<typeof toBoosterParams>;
  /** Last round the served model predicts with (zero-based). */
  bestIteration: number;
  trials: TrialRecord[];
  /** Index of the search trial whose config was chosen. */
  chosenTrial: number;
  selection: SelectionFit;
  refit: RefitSummary | null;
  /** The served model's native predictions on validation and test (what its ONNX export must reproduce). */
  validationPredictions: Float32Array;
  testPredictions: Float32Array;
}

/** The date splits a model is trained on, and (for the refit) every row of the window in date order. */
export interface TrainingData {
  train: StatDataset;
  validation: StatDataset;
  test: StatDataset;
  all: StatDataset;
}

/**
 * Chooses objective and settings by budgeted search on validation MAE, fits the chosen config on the whole training
 * split with early stopping on validation (and, per candidate recency decay, a weighted fit kept only when it lowers
 * validation MAE), predicts validation and test rows with it, then refits on every row of the window.
 */
export async function trainModel(data: TrainingData, options: ModelTrainingOptions, hooks: ModelTrainingHooks = {}): Promise<TrainedModel> {
  const { train, validation, test } = data;
  const clock = hooks.clock ?? new XgboostClock();
  const dtrain = toMatrix(train.features, train.target, train.featureNames, clock);
  const dvalid = toMatrix(validation.features, validation.target, train.featureNames, clock);
  const sample = sampleIndices(train.size, options.subsampleRows, seededRandom(options.seed));
  const subsample = sample.length < train.size ? selectRows(train, sample) : null;
  const dsearch = subsample ? toMatrix(subsample.features, subsample.target, train.featureNames, clock) : dtrain;
  const matrices: TrainingMatrix[] = [dtrain, dvalid];
  if (dsearch !== dtrain) matrices.push(dsearch);
  const boosters: Booster[] = [];
  try {
    const search = await searchHyperparameters(dsearch, dvalid, { ...options, targetMedian: median(train.target) }, { clock, signal: hooks.signal, onTrial: hooks.onTrial });
    const trials = [...search.trials];
    const fit = async (config: BoosterConfig, decay: number): Promise<FittedBooster> => {
      const started = Date.now();
      const matrix = decay === 1 ? dtrain : toMatrix(train.features, train.target, train.featureNames, clock, seasonDecayWeights(train.gameDates, decay));
      if (matrix !== dtrain) matrices.push(matrix);
      const fitted = await fitBooster({
        config,
        train: matrix,
        validation: dvalid,
        maxRounds: options.maxRounds,
        earlyStoppingRounds: options.earlyStoppingRounds,
        nthread: options.nthread,
        seed: options.seed,
        clock,
        signal: hooks.signal,
        onRound: (round) => hooks.onFinalRound?.(round, options.maxRounds),
      });
      boosters.push(fitted.booster);
      const record: TrialRecord = {
        trial: trials.length,
        phase: decay === 1 ? 'final' : 'recency',
        config,
        recencyDecay: decay,
        trainRows: train.size,
        rounds: fitted.rounds,
        bestIteration: fitted.bestIteration,
        validationMae: fitted.validationMae,
        seconds: (Date.now() - started) / 1000,
      };
      trials.push(record);
      await hooks.onTrial?.(record, trials);
      return fitted;
    };

    // The search's best configs, each fitted on the whole training split; the lowest validation MAE is chosen.
    let finalist: { config: BoosterConfig; fitted: FittedBooster } | null = null;
    const searchedRandomly = search.trials.some((t) => t.phase === 'random');
    for (const candidate of bestConfigs(search.trials, searchedRandomly ? (options.finalists ?? 1) : 1)) {
      const fitted = await fit(candidate, 1);
      if (finalist === null || fitted.validationMae < finalist.fitted.validationMae) finalist = { config: candidate, fitted };
    }
    if (finalist === null) throw new Error('the search returned no config');
    const config = finalist.config;
    const chosenTrial = search.trials.findIndex((t) => t.config === config);
    const unweighted = finalist.fitted;
    let chosen = { fitted: unweighted, decay: 1 };
    for (const decay of options.recencyDecays) {
      if (decay === 1) continue;
      const weighted = await fit(config, decay);
      if (weighted.validationMae <= chosen.fitted.validationMae && weighted.validationMae <= unweighted.validationMae * (1 - options.minRecencyGain)) chosen = { fitted: weighted, decay };
    }
    const selectionBooster = chosen.fitted.booster;
    const selection: SelectionFit = {
      ...span(train),
      rounds: chosen.fitted.bestIteration + 1,
      recencyDecay: chosen.decay,
      bestIteration: chosen.fitted.bestIteration,
      validationMae: chosen.fitted.validationMae,
      unweightedValidationMae: unweighted.validationMae,
      validationPredictions: predictBest(selectionBooster, chosen.fitted.bestIteration, validation.features, clock),
      testPredictions: predictBest(selectionBooster, chosen.fitted.bestIteration, test.features, clock),
    };
    const params = toBoosterParams(config, { nthread: options.nthread, seed: options.seed });
    if (!options.refit) {
      boosters.splice(boosters.indexOf(selectionBooster), 1);
      return {
        booster: selectionBooster,
        config,
        params,
        bestIteration: selection.bestIteration,
        trials,
        chosenTrial,
        selection,
        refit: null,
        validationPredictions: selection.validationPredictions,
        testPredictions: selection.testPredictions,
      };
    }

    const { all } = data;
    const roundScale = options.refitRounds === 'rows' ? all.size / train.size : 1;
    const rounds = Math.max(1, Math.round(selection.rounds * roundScale));
    const dall = toMatrix(all.features, all.target, all.featureNames, clock, chosen.decay === 1 ? undefined : seasonDecayWeights(all.gameDates, chosen.decay));
    matrices.push(dall);
    const started = Date.now();
    const booster = await fitFixedRounds({
      config,
      train: dall,
      rounds,
      nthread: options.nthread,
      seed: options.seed,
      clock,
      signal: hooks.signal,
      onRound: (round) => hooks.onRefitRound?.(round, rounds),
    });
    const refit: RefitSummary = { ...span(all), rounds, recencyDecay: chosen.decay, roundScale };
    const record: TrialRecord = {
      trial: trials.length,
      phase: 'refit',
      config,
      recencyDecay: chosen.decay,
      trainRows: all.size,
      rounds,
      bestIteration: rounds - 1,
      validationMae: Number.NaN,
      seconds: (Date.now() - started) / 1000,
    };
    trials.push(record);
    await hooks.onTrial?.(record, trials);
    return {
      booster,
      config,
      params,
      bestIteration: rounds - 1,
      trials,
      chosenTrial,
      selection,
      refit,
      validationPredictions: predictBest(booster, rounds - 1, validation.features, clock),
      testPredictions: predictBest(booster, rounds - 1, test.features, clock),
    };
  } finally {
    for (const b of boosters) b.dispose();
    for (const m of matrices) m.matrix.dispose();
  }
}

/** The `count` configs of the lowest validation MAE, best first, each config once. */
function bestConfigs(trials: readonly TrialRecord[], count: number): BoosterConfig[] {
  const ranked = [...trials].sort((a, b) => a.validationMae - b.validationMae);
  const seen = new Set<string>();
  const out: BoosterConfig[] = [];
  for (const t of ranked) {
    const key = JSON.stringify(t.config);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(t.config);
    if (out.length === Math.max(1, count)) break;
  }
  return out;
}

/** Median of a target (rows without one are not in a stat's dataset). */
function median(values: Float32Array): number {
  if (values.length === 0) return 0.5;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** First and last date and row count of a dataset (rows are in date order). */
function span(ds: StatDataset): { from: string; to: string; rows: number } {
  let from = ds.gameDates[0];
  let to = ds.gameDates[0];
  for (const d of ds.gameDates) {
    if (d < from) from = d;
    if (d > to) to = d;
  }
  return { from, to, rows: ds.size };
}
