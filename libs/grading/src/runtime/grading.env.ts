import { z } from 'zod';
import { envVar, type ConfigOf } from '@propcast/config';
import { driftThresholds } from '@propcast/model-registry';
import type { DriftOptions } from '../drift/evaluate-drift.usecase';

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Environment of grading (promotion by evidence), shared by the trainer service and the CLI; DRIFT_* is DriftEnv of @propcast/model-registry. */
export const GradingEnv = {
  PROMOTION_MIN_PROPS: envVar(
    z.coerce.number().int().min(2),
    'fewest graded real-priced props (player-games) a challenger must be compared with production on before it can be proposed for promotion',
    {
      default: '500',
    },
  ),
  PROMOTION_ALPHA: envVar(z.coerce.number().gt(0).lt(0.5), 'significance level of the one-sided test that a challenger beats production by Brier on real prices', { default: '0.05' }),
  PROMOTION_AUTO: envVar(bool, 'promote a proposed challenger automatically through the registry (false: only propose: record, log, metric)', { default: 'false' }),
  PROMOTION_WINDOW_DAYS: envVar(z.coerce.number().int().min(1).max(3650), 'game days back from the graded date that challengers are judged on after each grading', { default: '90' }),
};

export type GradingConfig = ConfigOf<typeof GradingEnv>;

/** Promotion-by-evidence settings from validated PROMOTION_* variables. */
export function promotionSettings(config: GradingConfig): { minProps: number; alpha: number; autoPromote: boolean; windowDays: number } {
  return { minProps: config.PROMOTION_MIN_PROPS, alpha: config.PROMOTION_ALPHA, autoPromote: config.PROMOTION_AUTO, windowDays: config.PROMOTION_WINDOW_DAYS };
}

/** Drift options from validated DRIFT_* variables. */
export function driftOptions(config: Parameters<typeof driftThresholds>[0]): Partial<DriftOptions> {
  return driftThresholds(config);
}
