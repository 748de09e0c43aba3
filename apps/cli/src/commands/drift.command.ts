import type { Command } from 'commander';
import { CALENDAR_FEATURES, createGradingRepositories, driftOptions, EvaluateDriftUseCase, ListDriftReportsUseCase, openGrading, type DriftReportResult } from '@propcast/grading';
import { num, textTable } from '@propcast/reporting';

interface DriftRunOptions {
  stats?: string;
  model?: string;
  asOf?: string;
  windowDays?: string;
  psiThreshold?: string;
  maeTolerance?: string;
  ignoreFeatures?: string;
  publish: boolean;
  json?: boolean;
}

/** `propcast drift`: evaluate feature, prediction and performance drift on demand, and list past reports. */
export function register(program: Command): void {
  const drift = program.command('drift').description('drift of the production models against their training reference');

  drift
    .command('run', { isDefault: true })
    .description('evaluate drift now (the default); past a threshold it publishes retrain.requested (unless --no-publish)')
    .option('--stats <list>', 'comma-separated stats (default: all with a production model)')
    .option('--model <id>', 'one model id instead of the production models')
    .option('--as-of <date>', 'last day of the window (default: the latest date with feature rows)')
    .option('--window-days <n>', 'days of recent data (default DRIFT_WINDOW_DAYS)')
    .option('--psi-threshold <x>', 'PSI threshold (default DRIFT_PSI_THRESHOLD)')
    .option('--mae-tolerance <x>', 'allowed rise of rolling MAE over test MAE (default DRIFT_MAE_TOLERANCE)')
    .option('--ignore-features <list>', `features reported but not counted as drift (default: ${CALENDAR_FEATURES.join(',')}; "" for none)`)
    .option('--no-publish', 'store the report but publish no retrain.requested')
    .option('--json', 'print the reports as JSON')
    .action(async (opts: DriftRunOptions) => {
      const grading = openGrading({ withEvents: opts.publish });
      try {
        const reports = await new EvaluateDriftUseCase(createGradingRepositories(grading.pool), grading.artifacts, grading.bus).execute({
          stats: opts.stats,
          modelId: opts.model,
          asOf: opts.asOf,
          publish: opts.publish,
          options: {
            ...driftOptions(grading.config),
            ...(opts.windowDays ? { windowDays: Number(opts.windowDays) } : {}),
            ...(opts.psiThreshold ? { psiThreshold: Number(opts.psiThreshold) } : {}),
            ...(opts.maeTolerance ? { maeTolerance: Number(opts.maeTolerance) } : {}),
            ...(opts.ignoreFeatures !== undefined ? { ignoreFeatures: opts.ignoreFeatures.split(',').filter(Boolean) } : {}),
          },
        });
        console.log(opts.json ? JSON.stringify(reports, null, 2) : formatReports(reports));
      } finally {
        await grading.close();
      }
    });

  drift
    .command('reports')
    .description('list stored drift reports, latest first')
    .option('--stat <stat>', 'one stat')
    .option('--limit <n>', 'how many', '20')
    .action(async (opts: { stat?: string; limit: string }) => {
      const grading = openGrading({ withEvents: false });
      try {
        const reports = await new ListDriftReportsUseCase(createGradingRepositories(grading.pool)).execute({ stat: opts.stat, limit: Number(opts.limit) });
        console.log(
          textTable(
            ['created', 'stat', 'model', 'window', 'max PSI', 'MAE ratio', 'retrain'],
            reports.map((r) => [r.createdAt.toISOString(), r.stat, r.modelId, `${r.windowFrom}..${r.windowTo}`, num(r.maxPsi), num(r.maeRatio), r.retrainRequested ? 'yes' : 'no']),
          ),
        );
      } finally {
        await grading.close();
      }
    });
}

function formatReports(reports: readonly DriftReportResult[]): string {
  if (reports.length === 0) return 'no production model to evaluate';
  return reports
    .map((r) => {
      const skipped = [r.featureDrift, r.predictionDrift, r.performance].flatMap((s) => ('skipped' in s ? [s.skipped] : []));
      return [
        `${r.stat} model ${r.modelId}, ${r.windowFrom}..${r.windowTo}: ${r.drifted ? `DRIFT (${r.reasons.join('; ')})` : 'no drift'}${r.retrainRequested ? ', retrain requested' : ''}`,
        `  max feature PSI ${num(r.maxPsi)}, max KS ${num(r.maxKs)}, predictions PSI ${'psi' in r.predictionDrift ? num(r.predictionDrift.psi) : '-'}, MAE ratio ${num(r.maeRatio)}`,
        ...skipped.map((s) => `  not measured: ${s}`),
        `  report ${r.id}`,
      ].join('\n');
    })
    .join('\n');
}
