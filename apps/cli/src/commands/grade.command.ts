import type { Command } from 'commander';
import { GameDate } from '@propcast/common';
import { num, pct, textTable } from '@propcast/reporting';
import { openTraining } from '@propcast/training';
import { ChallengerEvidenceRepository, EvaluateChallengersUseCase, promotionSettings, type ChallengersReport, type ModelPromoter } from '@propcast/grading';
import {
  createGradingRepositories,
  FitMarketCombinerUseCase,
  GradeDateUseCase,
  type FitMarketCombinerResult,
  ListGradesUseCase,
  openGrading,
  type GradeAggregates,
  type GradesReport,
} from '@propcast/grading';

/** `propcast grade`: grade game dates against their box scores, and print graded performance. */
export function register(program: Command): void {
  const grade = program.command('grade').description('grade predictions against box scores (DATABASE_URL) and summarise graded performance');

  grade
    .command('run', { isDefault: true })
    .description('grade every prediction of a date (default: yesterday, UTC) or of each date of a range; regrading is idempotent')
    .option('--date <date>', 'game date (YYYY-MM-DD)')
    .option('--from <date>', 'first game date of a range')
    .option('--to <date>', 'last game date of a range')
    .action(async (opts: { date?: string; from?: string; to?: string }) => {
      if ((opts.from === undefined) !== (opts.to === undefined)) throw new Error('give both --from and --to');
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const dates = opts.from && opts.to ? gradeDates(opts.from, opts.to) : [opts.date ?? yesterday];
      const { pool, close } = openGrading({ withEvents: false });
      try {
        const usecase = new GradeDateUseCase(pool, createGradingRepositories(pool));
        for (const date of dates) {
          const r = await usecase.execute(date);
          if (r.predictions === 0 && dates.length > 1) continue;
          console.log(`${date}: ${r.predictions} predictions, ${r.graded} graded (${r.changed} new or changed), ${r.pending} pending`);
        }
      } finally {
        await close();
      }
    });

  grade
    .command('fit-combiner')
    .description(
      "fit a model's market combination (its P(over) with the vig-free market's) on its graded real-priced predictions before --as-of, and store it; the worker prices that model's predictions from --as-of on with it",
    )
    .option('--model <id>', 'model id')
    .option('--production', 'every model serving now (the nightly CronJob); models without enough graded real-priced predictions are skipped')
    .option('--as-of <date>', 'first game date the combination prices; only predictions dated before it fit it (default: today, UTC)')
    .option('--min-rows <n>', 'fewest graded real-priced predictions to fit', '200')
    .option('--penalty <x>', 'ridge penalty towards the market alone (default: chosen walk-forward on the earlier graded props)')
    .action(async (opts: { model?: string; production?: boolean; asOf?: string; minRows: string; penalty?: string }) => {
      if (Boolean(opts.model) === Boolean(opts.production)) throw new Error('give --model <id> or --production');
      const { pool, close } = openGrading({ withEvents: false });
      try {
        const usecase = new FitMarketCombinerUseCase(createGradingRepositories(pool));
        const settings = { asOf: opts.asOf, minRows: Number(opts.minRows), penalty: opts.penalty === undefined ? undefined : Number(opts.penalty) };
        const print = (r: FitMarketCombinerResult) => {
          const c = r.coefficients;
          console.log(
            `market combiner ${r.id} of ${r.modelId} as of ${r.fit.asOf}: ${r.fit.rows} graded real-priced predictions ${r.fit.from}..${r.fit.to}; ` +
              `coefficients intercept ${c.intercept.toFixed(3)}, model ${c.model.toFixed(3)}, market ${c.market.toFixed(3)}, gap ${c.gap.toFixed(3)}, consensus ${c.consensus.toFixed(3)}; ` +
              `penalty ${r.fit.penalty}${r.fit.penaltyChoice ? ` (walk-forward on ${r.fit.penaltyChoice.scoredRows} earlier props)` : ''}; ` +
              `in-sample log loss ${r.fit.logLoss.toFixed(4)} (market alone ${r.fit.marketLogLoss.toFixed(4)})`,
          );
        };
        if (opts.model) return print(await usecase.execute({ ...settings, modelId: opts.model }));
        const { fitted, skipped } = await usecase.executeForProduction(settings);
        if (fitted.length + skipped.length === 0) console.log('no production model to fit');
        fitted.forEach(print);
        for (const s of skipped) console.log(`skipped ${s.modelId}: ${s.reason}`);
      } finally {
        await close();
      }
    });

  grade
    .command('challengers')
    .description(
      'every serving challenger and shadow against the production primary on the same graded real-priced props: Brier and log loss against the market and production, ' +
        'the bets it would have made at the prices, and the one-sided test of promotion by evidence (PROMOTION_MIN_PROPS, PROMOTION_ALPHA)',
    )
    .option('--from <date>', 'first game date (default: PROMOTION_WINDOW_DAYS before --to)')
    .option('--to <date>', 'last game date (default: yesterday, UTC)')
    .option('--stat <stat>', 'one stat')
    .option('--propose', 'record a proposal for each pair that earned one (and promote it through the registry when PROMOTION_AUTO=true)')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { from?: string; to?: string; stat?: string; propose?: boolean; json?: boolean }) => {
      const { pool, config, close } = openGrading({ withEvents: false });
      const settings = promotionSettings(config);
      const to = opts.to ?? new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const from = opts.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - settings.windowDays * 86_400_000).toISOString().slice(0, 10);
      const training = opts.propose && settings.autoPromote ? openTraining({ withEvents: true }) : null;
      try {
        const promoter: ModelPromoter | null = training ? { promote: async (modelId, reason) => void (await training.services.promote.execute({ modelId, actor: 'grading:evidence', reason })) } : null;
        const usecase = new EvaluateChallengersUseCase(new ChallengerEvidenceRepository(pool), settings, promoter, null, (m) => console.error(m));
        const report = opts.propose ? await usecase.evaluate({ from, to, stat: opts.stat }) : await usecase.report({ from, to, stat: opts.stat });
        console.log(opts.json ? JSON.stringify(report, null, 2) : formatChallengers(report));
      } finally {
        await training?.close();
        await close();
      }
    });

  grade
    .command('summary')
    .description('graded MAE, hit rate, ROI, coverage and calibration per model and stat over a date range')
    .requiredOption('--from <date>', 'first game date (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last game date (YYYY-MM-DD)')
    .option('--stat <stat>', 'POINTS, REBOUNDS, ASSISTS, THREES or PRA')
    .option('--model <id>', 'one model id')
    .option('--days', 'also print one row per date')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { from: string; to: string; stat?: string; model?: string; days?: boolean; json?: boolean }) => {
      const { pool, close } = openGrading({ withEvents: false });
      try {
        const report = await new ListGradesUseCase(createGradingRepositories(pool)).execute(opts);
        console.log(opts.json ? JSON.stringify(report, null, 2) : formatGrades(report, opts.days === true));
      } finally {
        await close();
      }
    });
}

const HEADER = ['n', 'MAE', 'coverage', 'bets', 'hit rate', 'ROI', 'Brier', 'ECE', 'real-priced', 'Brier model/market'];

function formatGrades(report: GradesReport, withDays: boolean): string {
  const cells = (a: GradeAggregates) => [
    String(a.n),
    num(a.mae),
    pct(a.coverage),
    String(a.bets),
    pct(a.hitRate),
    pct(a.roi),
    num(a.brier, 4),
    num(a.ece, 4),
    String(a.realProps),
    // On props priced at a real book's odds: the model beside the vig-free market (lower is better).
    a.realProps > 0 ? `${num(a.brierReal, 4)} / ${num(a.marketBrier, 4)}` : '-',
  ];
  if (report.totals.length === 0) return `no graded predictions ${report.from}..${report.to}`;
  const out = [
    `Graded ${report.from}..${report.to}${report.stat ? `, ${report.stat}` : ''}${report.model ? `, model ${report.model}` : ''}`,
    textTable(
      ['stat', 'model', 'version', ...HEADER],
      report.totals.map((t) => [t.stat, t.modelId, String(t.modelVersion), ...cells(t)]),
    ),
  ];
  if (withDays)
    out.push(
      '',
      textTable(
        ['date', 'stat', 'model', ...HEADER],
        report.days.map((d) => [d.gameDate, d.stat, d.modelId, ...cells(d)]),
      ),
    );
  return out.join('\n');
}

/** The challengers report as a table: one row per (challenger, production) pair. */
function formatChallengers(report: ChallengersReport): string {
  const head =
    `Challengers against production on graded real-priced props ${report.from}..${report.to} ` +
    `(proposal: at least ${report.settings.minProps} props, one-sided p < ${report.settings.alpha}; automatic promotion ${report.settings.autoPromote ? 'on' : 'off'})`;
  if (report.pairs.length === 0) return `${head}\nno serving challenger or shadow`;
  const f4 = (x: number | null) => (x === null ? '-' : num(x, 4));
  return `${head}\n${textTable(
    ['stat', 'challenger', 'role', 'production', 'test', 'props', 'Brier challenger', 'Brier production', 'Brier market', 'p', 'would-be bets', 'win rate', 'break-even', 'ROI', 'verdict'],
    report.pairs.map((p) => [
      p.stat,
      p.challengerModelId,
      p.challengerRole,
      p.productionModelId,
      p.comparison.method,
      String(p.comparison.props),
      f4(p.comparison.brierChallenger),
      f4(p.comparison.brierProduction),
      f4(p.comparison.brierMarket ?? p.challenger.marketBrier),
      p.comparison.method === 'none' ? '-' : p.comparison.pValue.toExponential(2),
      String(p.challenger.bets),
      p.challenger.winRate === null ? '-' : pct(p.challenger.winRate),
      p.challenger.breakEven === null ? '-' : pct(p.challenger.breakEven),
      p.challenger.roi === null ? '-' : pct(p.challenger.roi),
      p.proposal?.status === 'PROMOTED' ? 'promoted' : p.verdict,
    ]),
  )}`;
}

/** Every date of --from..--to (both real dates, in order). */
function gradeDates(from: string, to: string): string[] {
  const range = GameDate.parseRange(from, to, { from: '--from', to: '--to' });
  return GameDate.range(range.from, range.to);
}
