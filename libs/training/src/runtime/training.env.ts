import { envVar, type ConfigOf } from '@propcast/config';
import { z } from 'zod';

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Training settings read from the environment by the trainer service and the CLI. */
export const TrainingEnv = {
  TRAINER_DEFAULT_BUDGET_MINUTES: envVar(z.coerce.number().min(0).max(1440), 'hyper-parameter search budget per stat when a request gives none (minutes)', { default: '5' }),
  TRAINER_LOCK_LEASE_MS: envVar(z.coerce.number().int().min(1000), 'training lease per stat; renewed every third of it, taken over when a crashed holder lets it expire', { default: '120000' }),
  TRAINER_AUTO_PROMOTE: envVar(bool, 'promote a candidate that passes the gate (false: it goes to STAGING)', { default: 'true' }),
  TRAINER_REFIT: envVar(bool, 'refit the served model on every row of the window with the settings and rounds chosen on validation (false: the fit on the oldest 70% of dates serves)', {
    default: 'true',
  }),
  TRAINER_REFIT_ROUNDS: envVar(z.enum(['same', 'rows']), "boosting rounds of the refit: 'same' as the selection fit's best, or 'rows' scaled by refit rows / training rows", { default: 'same' }),
  TRAINER_RECENCY_DECAYS: envVar(
    z
      .string()
      .transform((v) => (v.trim() === '' ? [] : v.split(',').map((x) => Number(x.trim()))))
      .pipe(z.array(z.number().gt(0).max(1))),
    'season-decay weights to try (comma-separated, each in (0, 1]; a row n seasons older weighs decay^n); one is kept only where it lowers validation MAE by 0.1%; empty tries none',
    { default: '' },
  ),
  GATE_MIN_MAE_IMPROVEMENT: envVar(z.coerce.number().min(0).max(1), 'relative test MAE improvement over production a candidate needs for automatic promotion', { default: '0.005' }),
};

export type TrainingConfig = ConfigOf<typeof TrainingEnv>;
