import type { TrainingObjective } from '@propcast/model-registry';
import type { BoosterParams } from '@propcast/xgboost';

// The objectives are recorded in metadata.json, so @propcast/model-registry owns the list.
export { TRAINING_OBJECTIVES, type TrainingObjective } from '@propcast/model-registry';

/** The tree-booster settings a trial varies (XGBoost names in `toBoosterParams`). */
export interface BoosterConfig {
  objective: TrainingObjective;
  maxDepth: number;
  eta: number;
  minChildWeight: number;
  subsample: number;
  colsampleBytree: number;
  lambda: number;
  alpha: number;
  /** reg:pseudohubererror only: the loss's δ (XGBoost `huber_slope`), quadratic inside it and linear outside. */
  huberSlope?: number;
  /**
   * The prediction boosting starts from (XGBoost `base_score`, default 0.5). Set for reg:pseudohubererror to the
   * training target's median: its gradient is bounded by δ, so from 0.5 it would spend its rounds walking to the centre.
   */
  baseScore?: number;
}

/** Settings every objective is first tried with. */
export const DEFAULT_BOOSTER_SETTINGS: Omit<BoosterConfig, 'objective'> = Object.freeze({
  maxDepth: 6,
  eta: 0.1,
  minChildWeight: 5,
  subsample: 0.8,
  colsampleBytree: 0.8,
  lambda: 1,
  alpha: 0,
});

/** Histogram bins per feature; fixed so every trial reuses the DMatrix's cached histogram index. */
export const MAX_BIN = 256;

/** XGBoost parameters of a config: hist trees, MAE as the watched metric (it is what users read). */
export function toBoosterParams(config: BoosterConfig, runtime: { nthread: number; seed: number }): BoosterParams {
  return {
    objective: config.objective,
    booster: 'gbtree',
    tree_method: 'hist',
    max_bin: MAX_BIN,
    max_depth: config.maxDepth,
    eta: config.eta,
    min_child_weight: config.minChildWeight,
    subsample: config.subsample,
    colsample_bytree: config.colsampleBytree,
    lambda: config.lambda,
    alpha: config.alpha,
    ...(config.huberSlope === undefined ? {} : { huber_slope: config.huberSlope }),
    ...(config.baseScore === undefined ? {} : { base_score: config.baseScore }),
    eval_metric: 'mae',
    nthread: runtime.nthread,
    seed: runtime.seed,
    verbosity: 0,
  };
}
