import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { resolveFeatureSet } from '@propcast/feature-pipeline';
import { createGradingRepositories, DEFAULT_STRATEGIES, formatBacktestTable, openGrading, renderBacktestHtml, RunBacktestUseCase, type BacktestReport } from '@propcast/grading';
import { ProgressReporter } from '@propcast/observability';

interface BacktestOptions {
  from: string;
  to: string;
  strategy?: string[];
  stats?: string;
  retrainEvery: string;
  trainWindow: string;
  minTrainRows: string;
  seasonTypes: string;
  bankroll: string;
  stake: string;
  maxExposure: string;
  rounds: string;
  threads?: string;
  objective?: string;
  featureSet?: string;
  minutesProjection?: boolean;
  /** commander's --no-consensus: false when given. */
  consensus: boolean;
  guard?: boolean;
  out: string;
  json?: boolean;
}

/** `propcast backtest`: walk-forward replay of history with strategies, a terminal table and an HTML report. */
export function register(program: Command): void {
  program
    .command('backtest')
    .description('replay game days with walk-forward models and only lines known before each prop; terminal table + HTML report under var/reports')
    .requiredOption('--from <date>', 'first game date replayed (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last game date replayed (YYYY-MM-DD)')
    .option('--strategy <spec...>', `strategies, <ev|confidence:T|edge:T>[/flat|/kelly] (default: ${DEFAULT_STRATEGIES.join(' ')})`)
    .option('--stats <list>', 'comma-separated stats (default: all five)')
    .option('--retrain-every <days>', 'retrain each model after this many days', '30')
    .option('--train-window <days>', 'train on the played games of this many days before the day', '730')
    .option('--min-train-rows <n>', 'fewest training rows before a model is trained (props are skipped until then)', '2000')
    .option('--season-types <list>', 'season types replayed and trained on', 'REGULAR,PLAYOFFS,PLAYIN')
    .option('--bankroll <units>', 'starting bankroll of every strategy', '100')
    .option('--stake <units>', 'flat stake per bet', '1')
    .option('--max-exposure <share>', 'Kelly strategies stake at most this share of the bankroll per day', '0.25')
    .option('--rounds <n>', 'XGBoost boosting rounds per training', '120')
    .option('--threads <n>', 'XGBoost threads (default: all cores)')
    .option('--objective <name>', 'XGBoost objective of the walk-forward models (default reg:squarederror)')
    .option('--feature-set <id>', 'feature set of the stored rows, id or version (e.g. v2; default player-props@v1)')
    .option('--minutes-projection', 'each retrain also fits a minutes model: stat models get its out-of-fold projection in training, its projection when predicting')
    .option('--no-consensus', "ablation: the combination does not see the other books' consensus")
    .option('--guard', 'price a day with the combination only where it beat the market out of sample on earlier days, else the market (off by default: it hurt on the real lines)')
    .option('--out <dir>', 'directory of the HTML report', 'var/reports')
    .option('--json', 'also write the report (without bankroll curves) as JSON beside the HTML')
    .action(async (opts: BacktestOptions) => {
      const { pool, close } = openGrading({ withEvents: false });
      let progress: ProgressReporter | null = null;
      try {
        const report = await new RunBacktestUseCase(createGradingRepositories(pool)).execute(
          {
            from: opts.from,
            to: opts.to,
            stats: opts.stats,
            strategies: opts.strategy,
            retrainEveryDays: Number(opts.retrainEvery),
            trainWindowDays: Number(opts.trainWindow),
            minTrainRows: Number(opts.minTrainRows),
            seasonTypes: opts.seasonTypes.split(','),
            initialBankroll: Number(opts.bankroll),
            flatStake: Number(opts.stake),
            maxDailyExposure: Number(opts.maxExposure),
            featureSetId: storedFeatureSetId(opts.featureSet),
            minutesProjection: opts.minutesProjection === true,
            marketLayer: { consensus: opts.consensus !== false, guard: opts.guard === true },
            model: { rounds: Number(opts.rounds), params: { ...(opts.threads ? { nthread: Number(opts.threads) } : {}), ...(opts.objective ? { objective: opts.objective } : {}) } },
          },
          {
            onDay: (day) => {
              progress ??= new ProgressReporter('backtest', day.total, { unit: 'days' });
              progress.update(day.done, day.total);
            },
          },
        );
        (progress as ProgressReporter | null)?.finish();
        console.log(formatBacktestTable(report));
        console.log(`\nHTML report: ${writeReport(report, opts)}`);
      } finally {
        await close();
      }
    });
}

/** A version (`v2`) names that version of the player-props set; anything else is a stored feature set's id, checked by the backtest. */
export function storedFeatureSetId(ref: string | undefined): string | undefined {
  if (ref === undefined) return undefined;
  return /^v?\d+$/.test(ref.trim()) ? resolveFeatureSet(ref).id : ref.trim();
}

function writeReport(report: BacktestReport, opts: BacktestOptions): string {
  const dir = resolve(opts.out);
  mkdirSync(dir, { recursive: true });
  const base = `backtest-${report.settings.from}_${report.settings.to}-${report.generatedAt.replace(/[:.]/g, '-')}`;
  const html = join(dir, `${base}.html`);
  writeFileSync(html, renderBacktestHtml(report));
  if (opts.json) {
    const { strategies, ...rest } = report;
    writeFileSync(join(dir, `${base}.json`), JSON.stringify({ ...rest, strategies: strategies.map(({ curve: _curve, ...s }) => s) }, null, 2));
  }
  return html;
}
