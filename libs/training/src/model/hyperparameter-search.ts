import { DEFAULT_BOOSTER_SETTINGS, type BoosterConfig, type TrainingObjective } from './booster-config';
import { fitBooster, type TrainingMatrix } from './fit-booster';
import { seededRandom } from '@propcast/common';
import { XgboostClock } from './xgboost-clock';

/** Options of {@link searchHyperparameters}. */
export interface SearchOptions {
  /** Wall-clock minutes the search may use after the objective comparison (0 = compare objectives only). */
  budgetMinutes: number;
  objectives: readonly TrainingObjective[];
  maxRounds: number;
  earlyStoppingRounds: number;
  /** Upper bound on the number of trials, budget permitting. */
  maxTrials: number;
  nthread: number;
  seed: number;
  /** Median of the training target: where reg:pseudohubererror starts boosting (its `baseScore`); default 0.5. */
  targetMedian?: number;
}

/** One logged trial (stored in training_runs.trials). */
export interface TrialRecord {
  trial: number;
  /**
   * `objective`: each objective at default settings; `random`: budgeted random search; `final`: the chosen config on
   * all training rows; `recency`: the same with season-decay weights; `refit`: the chosen fit on every row of the
   * window (no validation, so its validationMae is NaN).
   */
  phase: 'objective' | 'random' | 'final' | 'recency' | 'refit';
  config: BoosterConfig;
  /** Season decay of the instance weights (final, recency and refit only; 1 = unweighted). */
  recencyDecay?: number;
  trainRows: number;
  rounds: number;
  bestIteration: number;
  validationMae: number;
  seconds: number;
}

/** Outcome of the search: the config with the lowest validation MAE and every trial. */
export interface SearchResult {
  best: BoosterConfig;
  trials: TrialRecord[];
}

/** Hooks of a search: libxgboost clock, abort signal, and a callback after every trial. */
export interface SearchHooks {
  clock?: XgboostClock;
  signal?: AbortSignal;
  onTrial?: (trial: TrialRecord, trials: readonly TrialRecord[]) => void | Promise<void>;
}

/**
 * Budgeted random search with early stopping on the validation split (`dtrain` is typically a fixed subsample of
 * the training split): first every candidate objective at default settings (so the objective is always chosen by
 * validation MAE), then random configs while the budget lasts. Lowest validation MAE wins.
 */
export async function searchHyperparameters(dtrain: TrainingMatrix, dvalid: TrainingMatrix, options: SearchOptions, hooks: SearchHooks = {}): Promise<SearchResult> {
  const clock = hooks.clock ?? new XgboostClock();
  const random = seededRandom(options.seed);
  const trials: TrialRecord[] = [];
  const deadline = Date.now() + options.budgetMinutes * 60_000;
  const run = async (config: BoosterConfig, phase: TrialRecord['phase']): Promise<void> => {
    const record = await runTrial(config, phase, trials.length, dtrain, dvalid, options, clock, hooks.signal);
    trials.push(record);
    await hooks.onTrial?.(record, trials);
  };
  for (const objective of options.objectives) await run(withObjectiveSettings({ objective, ...DEFAULT_BOOSTER_SETTINGS }, options), 'objective');
  while (trials.length < options.maxTrials) {
    const meanSeconds = trials.reduce((s, t) => s + t.seconds, 0) / trials.length;
    if (Date.now() + meanSeconds * 1000 > deadline) break;
    await run(withObjectiveSettings(randomConfig(options.objectives, random), options, random), 'random');
  }
  const best = trials.reduce((a, b) => (b.validationMae < a.validationMae ? b : a));
  return { best: best.config, trials };
}

async function runTrial(
  config: BoosterConfig,
  phase: TrialRecord['phase'],
  index: number,
  dtrain: TrainingMatrix,
  dvalid: TrainingMatrix,
  options: SearchOptions,
  clock: XgboostClock,
  signal: AbortSignal | undefined,
): Promise<TrialRecord> {
  const started = Date.now();
  const fitted = await fitBooster({
    config,
    train: dtrain,
    validation: dvalid,
    maxRounds: options.maxRounds,
    earlyStoppingRounds: options.earlyStoppingRounds,
    nthread: options.nthread,
    seed: options.seed + index,
    clock,
    signal,
  });
  fitted.booster.dispose();
  return {
    trial: index,
    phase,
    config,
    trainRows: dtrain.size,
    rounds: fitted.rounds,
    bestIteration: fitted.bestIteration,
    validationMae: fitted.validationMae,
    seconds: (Date.now() - started) / 1000,
  };
}

/** δ of the pseudo-Huber loss at default settings: about the spread of a player's assists or threes around his median. */
export const DEFAULT_HUBER_SLOPE = 1;

/**
 * Adds what only some objectives take: for reg:pseudohubererror its δ (default, or log-uniform 0.3-3 in the random
 * search) and the training median as its start. Other objectives are returned unchanged.
 */
function withObjectiveSettings(config: BoosterConfig, options: Pick<SearchOptions, 'targetMedian'>, random?: () => number): BoosterConfig {
  if (config.objective !== 'reg:pseudohubererror') return config;
  const huberSlope = random ? Number(Math.exp(Math.log(0.3) + random() * (Math.log(3) - Math.log(0.3))).toFixed(4)) : DEFAULT_HUBER_SLOPE;
  return { ...config, huberSlope, ...(options.targetMedian === undefined ? {} : { baseScore: options.targetMedian }) };
}

/** A random config: objective uniform, depth 3-9, learning rate and regularisation log-uniform. */
function randomConfig(objectives: readonly TrainingObjective[], random: () => number): BoosterConfig {
  const logUniform = (lo: number, hi: number) => Math.exp(Math.log(lo) + random() * (Math.log(hi) - Math.log(lo)));
  const round = (x: number, digits = 4) => Number(x.toFixed(digits));
  return {
    objective: objectives[Math.floor(random() * objectives.length)],
    maxDepth: 3 + Math.floor(random() * 7),
    eta: round(logUniform(0.02, 0.3)),
    minChildWeight: round(logUniform(1, 50)),
    subsample: round(0.5 + random() * 0.5),
    colsampleBytree: round(0.4 + random() * 0.6),
    lambda: round(logUniform(0.1, 20)),
    alpha: round(random() < 0.5 ? 0 : logUniform(0.01, 5)),
  };
}
