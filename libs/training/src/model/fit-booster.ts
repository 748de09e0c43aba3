import { Booster, DMatrix } from '@propcast/xgboost';
import { toBoosterParams, type BoosterConfig } from './booster-config';
import { XgboostClock } from './xgboost-clock';

/** Rows and labels of one split, ready for XGBoost. */
export interface TrainingMatrix {
  matrix: DMatrix;
  size: number;
}

/** Options of {@link fitBooster}. */
export interface FitBoosterOptions {
  config: BoosterConfig;
  train: TrainingMatrix;
  validation: TrainingMatrix;
  maxRounds: number;
  earlyStoppingRounds: number;
  nthread: number;
  seed: number;
  clock?: XgboostClock;
  /** Aborts between rounds (e.g. when the training lease is lost); the signal's reason is thrown. */
  signal?: AbortSignal;
  /** Called after each round with the watched validation MAE. */
  onRound?: (round: number, validationMae: number) => void;
}

/** A trained booster and where early stopping found its best round. */
export interface FittedBooster {
  booster: Booster;
  /** Zero-based best round; predictions use rounds [0, bestIteration + 1). */
  bestIteration: number;
  /** Validation MAE at the best round. */
  validationMae: number;
  /** Rounds actually run. */
  rounds: number;
}

/** How long a run of boosting rounds may hold the event loop before yielding (keeps /health and lease heartbeats alive). */
const YIELD_EVERY_MS = 50;

/** Builds a DMatrix from dense row-major float32 features and labels (NaN = missing), with optional instance weights. */
export function toMatrix(features: Float32Array, target: Float32Array, featureNames: readonly string[], clock = new XgboostClock(), weight?: Float32Array): TrainingMatrix {
  const matrix = clock.time(() => DMatrix.fromDense(features, { ncol: featureNames.length, label: target, weight, featureNames }));
  return { matrix, size: target.length };
}

/**
 * Boosts round by round with early stopping on validation MAE, yielding to the event loop between rounds
 * (libxgboost calls are synchronous), and records the best round in the booster's `best_iteration` attribute.
 */
export async function fitBooster(options: FitBoosterOptions): Promise<FittedBooster> {
  const { config, train, validation, maxRounds, earlyStoppingRounds, signal, onRound } = options;
  const clock = options.clock ?? new XgboostClock();
  const params = toBoosterParams(config, { nthread: options.nthread, seed: options.seed });
  const booster = clock.time(() => Booster.create(params, [train.matrix, validation.matrix]));
  try {
    let best = { iteration: -1, mae: Number.POSITIVE_INFINITY };
    let rounds = 0;
    let sliceStart = Date.now();
    for (let round = 0; round < maxRounds; round++) {
      clock.time(() => booster.update(round, train.matrix));
      const evals = clock.time(() => booster.evalSet([{ name: 'validation', matrix: validation.matrix }], round));
      const mae = evals['validation']?.['mae'] ?? Number.NaN;
      rounds = round + 1;
      onRound?.(round, mae);
      if (mae < best.mae) best = { iteration: round, mae };
      else if (round - best.iteration >= earlyStoppingRounds) break;
      if (Date.now() - sliceStart >= YIELD_EVERY_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = Date.now();
      }
      if (signal?.aborted) throw signal.reason;
    }
    const bestIteration = Math.max(0, best.iteration);
    clock.time(() => {
      booster.setAttribute('best_iteration', String(bestIteration));
      booster.setAttribute('best_score', String(best.mae));
    });
    return { booster, bestIteration, validationMae: best.mae, rounds };
  } catch (err) {
    booster.dispose();
    throw err;
  }
}

/** Options of {@link fitFixedRounds}. */
export interface FixedRoundsOptions {
  config: BoosterConfig;
  train: TrainingMatrix;
  rounds: number;
  nthread: number;
  seed: number;
  clock?: XgboostClock;
  signal?: AbortSignal;
  onRound?: (round: number) => void;
}

/**
 * Boosts exactly `rounds` rounds with no validation set (a refit on every row, whose round count was chosen
 * elsewhere), yielding to the event loop between rounds; `best_iteration` is the last round.
 */
export async function fitFixedRounds(options: FixedRoundsOptions): Promise<Booster> {
  const { config, train, rounds, signal, onRound } = options;
  if (!Number.isInteger(rounds) || rounds < 1) throw new RangeError(`rounds must be a positive integer, got ${rounds}`);
  const clock = options.clock ?? new XgboostClock();
  const params = toBoosterParams(config, { nthread: options.nthread, seed: options.seed });
  const booster = clock.time(() => Booster.create(params, [train.matrix]));
  try {
    let sliceStart = Date.now();
    for (let round = 0; round < rounds; round++) {
      clock.time(() => booster.update(round, train.matrix));
      onRound?.(round);
      if (Date.now() - sliceStart >= YIELD_EVERY_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = Date.now();
      }
      if (signal?.aborted) throw signal.reason;
    }
    clock.time(() => booster.setAttribute('best_iteration', String(rounds - 1)));
    return booster;
  } catch (err) {
    booster.dispose();
    throw err;
  }
}

/** Predicts with the rounds up to the best one (what is exported and served). */
export function predictBest(booster: Booster, bestIteration: number, features: Float32Array, clock = new XgboostClock()): Float32Array {
  if (features.length === 0) return new Float32Array(0);
  return clock.time(() => booster.predict(features, { iterationRange: [0, bestIteration + 1] }));
}
