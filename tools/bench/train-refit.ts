/**
 * Refit benchmark (`npm run bench:train-refit`): what refitting on every row of the window buys on a season no fit
 * has seen. Needs the real-data database of `npm run bench:train-quality-data` (DATABASE_URL).
 *
 * For each stat, with the trainer's own code (trainModel) and a deterministic search (budget 0: each objective at
 * default settings, chosen on validation MAE), on rows up to BENCH_REFIT_TO (default 2020-10-11):
 *   - baseline: the selection fit (oldest ~70% of dates, early stopping on the next ~15%), what served before;
 *   - refit: the same settings on every row, rounds × (all rows / training rows) (what serves now);
 *   - refit-unscaled: the same on every row with the selection fit's round count (the scaling alternative).
 * Each is scored (MAE, bias) on BENCH_REFIT_EVAL (default 2020-12-22..2021-07-22, test season 2020-21), and the
 * ratios to the baseline measured in the same run are printed and written to var/bench/train-refit.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { ALL_STATS, type StatType } from '@propcast/contracts';
import { createPgPool, databaseUrlFromEnv } from '@propcast/db';
import { FeatureSetV1 } from '@propcast/features';
import { defaultTrainingSettings, fitFixedRounds, PgPlayerGameRowSource, predictBest, regressionMetrics, splitByDate, toMatrix, toStatDataset, trainModel } from '@propcast/training';

const TO = process.env['BENCH_REFIT_TO'] ?? '2020-10-11';
const [EVAL_FROM, EVAL_TO] = (process.env['BENCH_REFIT_EVAL'] ?? '2020-12-22..2021-07-22').split('..');
const STATS = (process.env['BENCH_REFIT_STATS'] ?? ALL_STATS.join(',')).split(',') as StatType[];
const OUT_DIR = resolve(__dirname, '../../var/bench');

interface Score {
  mae: number;
  bias: number;
  rows: number;
  rounds: number;
}

async function main(): Promise<void> {
  const pool = createPgPool(databaseUrlFromEnv(), 2);
  const source = new PgPlayerGameRowSource(pool);
  const query = { featureSetId: FeatureSetV1.id, featureNames: FeatureSetV1.featureNames };
  let t = performance.now();
  const [rows, evalRows] = await Promise.all([source.read({ ...query, window: { from: '1900-01-01', to: TO } }), source.read({ ...query, window: { from: EVAL_FROM, to: EVAL_TO } })]);
  await pool.end();
  console.error(`read ${rows.size} rows to ${TO} and ${evalRows.size} evaluation rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const settings = defaultTrainingSettings({ model: { nthread: 2 } }).model;
  const results: Record<string, { objective: string; baseline: Score; refit: Score; refitUnscaled: Score; ratio: { refit: number; refitUnscaled: number } }> = {};
  for (const stat of STATS) {
    t = performance.now();
    const all = toStatDataset(rows, stat);
    const evaluation = toStatDataset(evalRows, stat);
    const splits = splitByDate(all);
    const score = (predicted: Float32Array, trainRows: number, rounds: number): Score => {
      const m = regressionMetrics(predicted, evaluation.target);
      return { mae: m.mae ?? Number.NaN, bias: m.bias ?? Number.NaN, rows: trainRows, rounds };
    };
    // The evaluation season stands in as the "test" rows: trainModel only predicts them (never fits on them).
    const trained = await trainModel(
      { train: splits.train, validation: splits.validation, test: evaluation, all },
      { ...settings, budgetMinutes: 0, refit: true, refitRounds: 'rows', recencyDecays: [] },
    );
    const refit = trained.refit!;
    const baseline = score(trained.selection.testPredictions, trained.selection.rows, trained.selection.rounds);
    const refitScore = score(trained.testPredictions, refit.rows, refit.rounds);
    trained.booster.dispose();
    const dall = toMatrix(all.features, all.target, all.featureNames);
    const unscaled = await fitFixedRounds({ config: trained.config, train: dall, rounds: trained.selection.rounds, nthread: settings.nthread, seed: settings.seed });
    const unscaledScore = score(predictBest(unscaled, trained.selection.rounds - 1, evaluation.features), all.size, trained.selection.rounds);
    unscaled.dispose();
    dall.matrix.dispose();
    results[stat] = {
      objective: trained.config.objective,
      baseline,
      refit: refitScore,
      refitUnscaled: unscaledScore,
      ratio: { refit: refitScore.mae / baseline.mae, refitUnscaled: unscaledScore.mae / baseline.mae },
    };
    const f = (s: Score) => `MAE ${s.mae.toFixed(4)} bias ${s.bias >= 0 ? '+' : ''}${s.bias.toFixed(3)} (${s.rows} rows, ${s.rounds} rounds)`;
    console.log(
      `${stat} ${trained.config.objective}: baseline ${f(baseline)} | refit ${f(refitScore)} ratio ${results[stat].ratio.refit.toFixed(4)} | refit unscaled ${f(unscaledScore)} ratio ${results[stat].ratio.refitUnscaled.toFixed(4)} | ${((performance.now() - t) / 1000).toFixed(0)} s`,
    );
  }
  mkdirSync(OUT_DIR, { recursive: true });
  const out = { benchmark: 'train-refit', to: TO, evaluation: { from: EVAL_FROM, to: EVAL_TO, rows: evalRows.size }, loadAverage: loadavg()[0], stats: results };
  writeFileSync(resolve(OUT_DIR, 'train-refit.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`wrote var/bench/train-refit.json`);
}

main().catch((err: Error) => {
  console.error(`bench:train-refit: ${err.stack ?? err.message}`);
  process.exit(1);
});
