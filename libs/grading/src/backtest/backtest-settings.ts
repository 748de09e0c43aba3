import { cpus } from 'node:os';
import { FeatureSetV1 } from '@propcast/features';
import { InvalidGradingRequestError } from '../errors';
import { parseDateRange } from '../shared/dates';
import { parseStats } from '../shared/stats';
import { DEFAULT_MARKET_LAYER } from './market-layer';
import { DEFAULT_STRATEGIES, parseStrategy } from './strategies';
import { type WalkForwardOptions } from './walk-forward-model';
import type { BacktestRequest, BacktestSettings } from './backtest.types';

/** Small fixed XGBoost settings: fast enough to retrain often over seasons of rows. */
export const DEFAULT_WALK_FORWARD: WalkForwardOptions = {
  params: { objective: 'reg:squarederror', max_depth: 4, eta: 0.1, subsample: 0.8, colsample_bytree: 0.8, min_child_weight: 10, seed: 7, verbosity: 0 },
  rounds: 120,
  calibrationShare: 0.2,
  probability: {},
};

export const DEFAULT_SEASON_TYPES = ['REGULAR', 'PLAYOFFS', 'PLAYIN'];

export function resolveSettings(r: BacktestRequest): BacktestSettings {
  const { from, to } = parseDateRange(r.from, r.to);
  const positiveInt = (name: string, value: number | undefined, fallback: number) => {
    const v = value ?? fallback;
    if (!Number.isInteger(v) || v < 1) throw new InvalidGradingRequestError(`${name} must be a positive integer, got ${String(value)}`);
    return v;
  };
  const positive = (name: string, value: number | undefined, fallback: number) => {
    const v = value ?? fallback;
    if (!(Number.isFinite(v) && v > 0)) throw new InvalidGradingRequestError(`${name} must be a positive number, got ${String(value)}`);
    return v;
  };
  const seasonTypes = (r.seasonTypes?.length ? r.seasonTypes : DEFAULT_SEASON_TYPES).map((s) => s.trim().toUpperCase());
  const model: WalkForwardOptions = {
    ...DEFAULT_WALK_FORWARD,
    ...r.model,
    params: { ...DEFAULT_WALK_FORWARD.params, nthread: Math.max(1, cpus().length), ...r.model?.params },
  };
  if (!(model.calibrationShare > 0 && model.calibrationShare < 1)) throw new InvalidGradingRequestError(`calibrationShare must be in (0, 1), got ${model.calibrationShare}`);
  return {
    from,
    to,
    stats: parseStats(r.stats),
    strategies: (r.strategies?.length ? r.strategies : DEFAULT_STRATEGIES).map(parseStrategy),
    retrainEveryDays: positiveInt('retrainEveryDays', r.retrainEveryDays, 30),
    trainWindowDays: positiveInt('trainWindowDays', r.trainWindowDays, 730),
    minTrainRows: positiveInt('minTrainRows', r.minTrainRows, 2000),
    featureSetId: r.featureSetId ?? FeatureSetV1.id,
    seasonTypes,
    initialBankroll: positive('initialBankroll', r.initialBankroll, 100),
    flatStake: positive('flatStake', r.flatStake, 1),
    maxDailyExposure: positive('maxDailyExposure', r.maxDailyExposure, 0.25),
    model,
    marketLayer: { ...DEFAULT_MARKET_LAYER, ...r.marketLayer },
    minutesProjection: r.minutesProjection ? { folds: 4, params: model.params, rounds: model.rounds, ...(typeof r.minutesProjection === 'object' ? r.minutesProjection : {}) } : null,
  };
}
