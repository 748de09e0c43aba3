import { Booster, type EvalSet } from './booster';
import type { DMatrix } from './dmatrix';
import type { EvalValues } from './eval-result';
import type { BoosterParams } from './params';

/** Progress reported after every boosting round. */
export interface TrainProgress {
  /** Zero-based round just finished. */
  iteration: number;
  /** Rounds requested (`numBoostRound`). */
  total: number;
  /** Metric values of this round on each eval set (empty without evals). */
  evals: EvalValues;
}

/** Options for `train()`. */
export interface TrainOptions {
  params: BoosterParams;
  dtrain: DMatrix;
  numBoostRound: number;
  /** Sets evaluated after every round; the last set's last metric drives early stopping. */
  evals?: readonly EvalSet[];
  /** Stop when the watched metric has not improved for this many rounds (needs at least one eval set). */
  earlyStoppingRounds?: number;
  /** Whether a larger watched metric is better; default: true for auc, aucpr, map, ndcg and pre metrics. */
  maximize?: boolean;
  /** Called after every round, e.g. to drive a progress bar. */
  onIteration?: (progress: TrainProgress) => void;
}

/** Outcome of `train()`. */
export interface TrainResult {
  /** Trained model holding every round run (use `iterationRange: [0, bestIteration + 1]` for the best one). */
  booster: Booster;
  /** Round with the best watched metric (the last round when there is no eval set). */
  bestIteration: number;
  /** Watched metric at `bestIteration` (NaN when there is no eval set). */
  bestScore: number;
  /** Metric values per round: `history[dataset][metric][iteration]`. */
  history: Record<string, Record<string, number[]>>;
  /** True when early stopping ended training before `numBoostRound`. */
  stoppedEarly: boolean;
}

const MAXIMIZED_METRICS = /^(auc|aucpr|map|ndcg|pre)(@|$|-)/;

/** Trains a booster for `numBoostRound` rounds with optional evaluation and early stopping; with evals it sets the best_iteration/best_score attributes. */
export function train(options: TrainOptions): TrainResult {
  const { params, dtrain, numBoostRound, evals = [], earlyStoppingRounds, onIteration } = options;
  if (earlyStoppingRounds !== undefined && evals.length === 0) {
    throw new Error('earlyStoppingRounds needs at least one eval set in `evals`');
  }
  const booster = Booster.create(params, [dtrain, ...evals.map((e) => e.matrix)]);
  try {
    const history: TrainResult['history'] = {};
    let best = { iteration: -1, score: NaN };
    let maximize = options.maximize;
    let stoppedEarly = false;
    for (let iteration = 0; iteration < numBoostRound; iteration++) {
      booster.update(iteration, dtrain);
      const values = booster.evalSet(evals, iteration);
      record(history, values);
      onIteration?.({ iteration, total: numBoostRound, evals: values });
      const watched = watchedMetric(values, evals);
      if (!watched) {
        best = { iteration, score: NaN };
        continue;
      }
      maximize ??= MAXIMIZED_METRICS.test(watched.metric);
      if (best.iteration < 0 || (maximize ? watched.value > best.score : watched.value < best.score)) {
        best = { iteration, score: watched.value };
      } else if (earlyStoppingRounds !== undefined && iteration - best.iteration >= earlyStoppingRounds) {
        stoppedEarly = true;
        break;
      }
    }
    if (evals.length > 0 && best.iteration >= 0) {
      booster.setAttribute('best_iteration', String(best.iteration));
      booster.setAttribute('best_score', String(best.score));
    }
    return { booster, bestIteration: best.iteration, bestScore: best.score, history, stoppedEarly };
  } catch (err) {
    booster.dispose();
    throw err;
  }
}

/** The metric early stopping watches: the last metric of the last eval set (as XGBoost's Python package does). */
function watchedMetric(values: EvalValues, evals: readonly EvalSet[]): { metric: string; value: number } | undefined {
  const last = evals[evals.length - 1];
  if (!last) return undefined;
  const entries = Object.entries(values[last.name] ?? {});
  const final = entries[entries.length - 1];
  return final ? { metric: final[0], value: final[1] } : undefined;
}

function record(history: TrainResult['history'], values: EvalValues): void {
  for (const [dataset, metrics] of Object.entries(values)) {
    const perDataset = (history[dataset] ??= {});
    for (const [metric, value] of Object.entries(metrics)) (perDataset[metric] ??= []).push(value);
  }
}
