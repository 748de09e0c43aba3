import type { Command } from 'commander';
import type { ModelTarget } from '@propcast/contracts';
import { ProgressReporter } from '@propcast/observability';
import { resolveFeatureSet } from '@propcast/feature-pipeline';
import { defaultMinutesProjection, openTraining, parseStats, type RunOutcome, type TrainingSettingsOverrides } from '@propcast/training';
import { num, textTable } from '@propcast/reporting';

interface TrainOptions {
  stat: string;
  from?: string;
  to?: string;
  budget?: string;
  refit: boolean;
  refitRounds?: string;
  recencyDecays?: string;
  featureSet?: string;
  minutesProjection?: boolean;
  json?: boolean;
}

/** `propcast train`: trains stats in this process (leases, runs, artifacts, registry and gate as the trainer does), with a progress bar. */
export function register(program: Command): void {
  program
    .command('train')
    .description('train models from the feature store: budgeted search, evaluation beside baselines, artifacts, registry, promotion gate')
    .requiredOption('--stat <stat>', 'points, rebounds, assists, threes, pra, minutes (the minutes model), a comma-separated list, or all (the five prop stats)')
    .option('--from <date>', 'first date of feature rows to use (default: all)')
    .option('--to <date>', 'last date of feature rows to use (default: today)')
    .option('--budget <minutes>', 'hyper-parameter search budget per stat (default TRAINER_DEFAULT_BUDGET_MINUTES)')
    .option('--no-refit', 'serve the fit on the oldest 70% of dates instead of refitting on every row of the window (default TRAINER_REFIT)')
    .option('--refit-rounds <same|rows>', "the refit's rounds: the selection fit's best, or scaled by rows (default TRAINER_REFIT_ROUNDS)")
    .option('--recency-decays <list>', 'season-decay weights to try, comma-separated in (0, 1], kept where they lower validation MAE (default TRAINER_RECENCY_DECAYS)')
    .option('--feature-set <id>', 'feature set trained on (id or version, e.g. v2); default player-props@v1')
    .option('--minutes-projection', 'give prop-stat models the minutes projection input (out of fold in training; serving needs a MINUTES model)')
    .option('--json', 'print the outcome of every run as JSON')
    .action(async (opts: TrainOptions) => {
      const env = { ...process.env };
      if (!opts.refit) env['TRAINER_REFIT'] = 'false';
      if (opts.refitRounds !== undefined) env['TRAINER_REFIT_ROUNDS'] = opts.refitRounds;
      if (opts.recencyDecays !== undefined) env['TRAINER_RECENCY_DECAYS'] = opts.recencyDecays;
      const training = openTraining({ withEvents: true, env, overrides: trainingOverrides(opts) });
      const bars = new Map<string, ProgressReporter>();
      try {
        const started = await training.services.startTraining.execute({
          stats: parseStats(opts.stat),
          window: { from: opts.from, to: opts.to },
          budgetMinutes: opts.budget === undefined ? undefined : Number(opts.budget),
          trigger: 'cli',
          onProgress: (stat: ModelTarget, runId, progress) => {
            let bar = bars.get(runId);
            if (!bar) {
              for (const other of bars.values()) other.finish();
              bars.clear();
              bar = new ProgressReporter(`train ${stat}`, 100, { unit: '%' });
              bars.set(runId, bar);
            }
            bar.update(Math.round(progress * 100));
          },
        });
        for (const r of started.refused) console.error(`${r.stat}: refused, ${r.reason}`);
        const outcomes = await started.completion;
        for (const bar of bars.values()) bar.finish();
        console.log(opts.json ? JSON.stringify(outcomes.map(outcomeJson), null, 2) : outcomesTable(outcomes));
        if (started.refused.length > 0 || outcomes.some((o) => !o.ok)) process.exitCode = 1;
      } finally {
        await training.close();
      }
    });
}

/** Settings of `--feature-set` / `--minutes-projection`, or undefined for the service defaults (v1, no projection). */
function trainingOverrides(opts: TrainOptions): TrainingSettingsOverrides | undefined {
  if (opts.featureSet === undefined && !opts.minutesProjection) return undefined;
  const set = resolveFeatureSet(opts.featureSet ?? 'v1');
  return {
    featureSet: { id: set.id, version: set.version, definitionHash: set.definitionHash },
    featureNames: set.featureNames,
    minutesProjection: opts.minutesProjection ? defaultMinutesProjection() : null,
  };
}

function outcomeJson(o: RunOutcome): object {
  if (!o.ok) return { runId: o.runId, stat: o.stat, status: 'FAILED', error: `${o.error.name}: ${o.error.message}` };
  const { model, gate, test, seconds, xgboostSeconds } = o.result;
  return {
    runId: o.runId,
    stat: o.stat,
    status: 'SUCCEEDED',
    model: { id: model.id, version: model.version, status: model.status, objective: model.objective },
    gate,
    test: { n: test.rows, mae: test.model.mae, baselines: { seasonAvg: test.baselines.seasonAvg.mae, last10: test.baselines.last10.mae, ema: test.baselines.ema.mae } },
    seconds,
    xgboostSeconds,
  };
}

function outcomesTable(outcomes: readonly RunOutcome[]): string {
  const f = (v: number | null) => num(v, 3, '–');
  const rows = outcomes.map((o) => {
    if (!o.ok) return [o.stat, '–', 'FAILED', '–', '–', '–', '–', `${o.error.name}: ${o.error.message}`];
    const { model, test, gate } = o.result;
    return [o.stat, model.id, model.status, f(test.model.mae), f(test.baselines.seasonAvg.mae), f(test.baselines.last10.mae), f(test.baselines.ema.mae), gate.reason];
  });
  return textTable(['stat', 'model', 'status', 'test MAE', 'season avg', 'last 10', 'EMA', 'gate'], rows, { align: 'left' });
}
