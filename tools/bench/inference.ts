/**
 * Inference and training benchmark for @propcast/xgboost (`npm run bench:inference`).
 *
 * Trains a 500-tree, depth-6, 40-feature model on 50k synthetic rows through the binding and,
 * on the same data and parameters, through the `xgboost` CLI; then compares native predict with
 * the ONNX export on onnxruntime-node for batches of 1, 100 and 3000 rows. Native and ORT calls
 * are interleaved so that noise from other processes hits both alike; medians are reported.
 * Results go to var/bench/inference.json.
 */
import { seededRandom } from '@propcast/common';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Booster, DMatrix, OnnxPredictor, toOnnx, train, xgboostVersion, type BoosterParams, type OnnxPredictorOptions } from '@propcast/xgboost';

const TRAIN_ROWS = 50_000;
const COLS = 40;
const ROUNDS = 500;
const BATCHES = [1, 100, 3000] as const;
const PARAMS = { objective: 'reg:squarederror', max_depth: 6, eta: 0.1, tree_method: 'hist', nthread: 2, seed: 42 } satisfies BoosterParams;
const OUT_DIR = resolve(__dirname, '../../var/bench');

type Batch = (typeof BATCHES)[number];

/** Player-stat-like synthetic rows: 3% missing values, a non-linear label. */
function syntheticRows(rows: number, seed: number): { features: Float32Array; labels: Float32Array } {
  const random = seededRandom(seed);
  const features = new Float32Array(rows * COLS);
  const labels = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    let label = 0;
    for (let j = 0; j < COLS; j++) {
      const value = random() * 40;
      features[i * COLS + j] = random() < 0.03 ? NaN : value;
      label += Math.sin(value / (j + 3)) * (j % 5) + (j < 4 ? value / 10 : 0);
    }
    labels[i] = label + random() * 2;
  }
  return { features, labels };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

async function elapsedUs(fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1000;
}

/**
 * Median µs per row of `native` and `candidate`, measured in alternating blocks after a warm-up,
 * so that load from other processes (and threads one side leaves spinning) hits both alike.
 */
async function compare(batch: Batch, native: () => unknown, candidate: () => unknown): Promise<{ native: number; candidate: number }> {
  const reps = batch === 1 ? 4000 : batch === 100 ? 600 : 60;
  const blocks = 6;
  const nativeTimes: number[] = [];
  const candidateTimes: number[] = [];
  for (let i = 0; i < reps / 10; i++) {
    await native();
    await candidate();
  }
  for (let block = 0; block < blocks; block++) {
    for (let i = 0; i < reps / blocks; i++) nativeTimes.push(await elapsedUs(native));
    for (let i = 0; i < reps / blocks; i++) candidateTimes.push(await elapsedUs(candidate));
  }
  return { native: median(nativeTimes) / batch, candidate: median(candidateTimes) / batch };
}

function trainThroughBinding(features: Float32Array, labels: Float32Array): { booster: Booster; seconds: number } {
  const dtrain = DMatrix.fromDense(features, { ncol: COLS, label: labels });
  const start = process.hrtime.bigint();
  const { booster } = train({ params: PARAMS, dtrain, numBoostRound: ROUNDS });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  dtrain.dispose();
  return { booster, seconds };
}

/** Writes the rows as CSV (label first, empty = missing) for the xgboost CLI; returns the file. */
function writeCsv(features: Float32Array, labels: Float32Array, dir: string): string {
  const csv = join(dir, 'train.csv');
  const lines: string[] = [];
  for (let i = 0; i < labels.length; i++) {
    const row = Array.from(features.subarray(i * COLS, (i + 1) * COLS), (v) => (Number.isNaN(v) ? '' : String(v)));
    lines.push(`${labels[i]},${row.join(',')}`);
  }
  writeFileSync(csv, `${lines.join('\n')}\n`);
  return csv;
}

/** Trains `rounds` rounds with /usr/bin/xgboost and the same params; times only the CLI command. */
function trainThroughCli(csv: string, dir: string, rounds: number): number {
  const config = join(dir, 'train.conf');
  const params = Object.entries(PARAMS).map(([k, v]) => `${k} = ${v}`);
  writeFileSync(config, [...params, `num_round = ${rounds}`, `data = "${csv}?format=csv&label_column=0"`, `model_out = "${join(dir, 'model.json')}"`, ''].join('\n'));
  const start = process.hrtime.bigint();
  const run = spawnSync('xgboost', [config], { cwd: dir, encoding: 'utf8', env: process.env });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.status !== 0) throw new Error(`xgboost CLI failed (${run.status}): ${run.stderr || run.stdout}`);
  return seconds;
}

interface Variant {
  name: string;
  session: OnnxPredictorOptions;
}

/** Alternatives measured to choose OnnxPredictor's defaults (the first is the default). */
const VARIANTS: Variant[] = [
  { name: 'default: <=32 rows inline, else 2 workers', session: {} },
  { name: 'calling thread only, 1 intra-op thread', session: { workers: 0 } },
  { name: 'calling thread only, 2 intra-op threads', session: { workers: 0, intraOpNumThreads: 2 } },
  { name: 'calling thread only, 2 threads, spinning', session: { workers: 0, intraOpNumThreads: 2, allowSpinning: true } },
  { name: '2 workers for every batch', session: { inlineMaxRows: 0 } },
];

const fmt = (n: number, digits = 2): string => n.toFixed(digits).padStart(8);

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  const host = execFileSync('nproc', { encoding: 'utf8' }).trim();
  const load = (): string =>
    loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  console.log(`XGBoost ${xgboostVersion()} | ${host} cores | load average ${load()} | OMP_WAIT_POLICY=${process.env['OMP_WAIT_POLICY'] ?? '(unset)'}`);

  const data = syntheticRows(TRAIN_ROWS, 7);
  console.log(`\nTraining ${TRAIN_ROWS} rows x ${COLS} features, ${ROUNDS} rounds, ${JSON.stringify(PARAMS)}`);
  const { booster, seconds: trainSeconds } = trainThroughBinding(data.features, data.labels);
  console.log(`  binding: ${trainSeconds.toFixed(2)} s`);
  const cliDir = join(OUT_DIR, 'cli');
  mkdirSync(cliDir, { recursive: true });
  const csv = writeCsv(data.features, data.labels, cliDir);
  const cliTrainSeconds = trainThroughCli(csv, cliDir, ROUNDS);
  const cliOneRoundSeconds = trainThroughCli(csv, cliDir, 1);
  rmSync(cliDir, { recursive: true, force: true });
  console.log(`  xgboost CLI: ${cliTrainSeconds.toFixed(2)} s (a 1-round run, i.e. mostly start-up and CSV parsing, takes ${cliOneRoundSeconds.toFixed(2)} s)`);
  console.log(`  binding / CLI: ${(trainSeconds / cliTrainSeconds).toFixed(2)}`);

  const names = Array.from({ length: COLS }, (_, i) => `f${i}`);
  const test = syntheticRows(3000, 99).features;
  const inputs = new Map(BATCHES.map((b) => [b, test.slice(0, b * COLS)]));
  const result = {
    nativeUsPerRow: {} as Record<string, number>,
    ortUsPerRow: {} as Record<string, number>,
    ortOverNative: {} as Record<string, number>,
    trainSeconds: Number(trainSeconds.toFixed(3)),
    cliTrainSeconds: Number(cliTrainSeconds.toFixed(3)),
  };

  console.log('\nInference, µs per row (median; native = Booster.predict on a Float32Array, in-place)');
  console.log(`  ${'variant'.padEnd(50)} ${BATCHES.map((b) => `   batch ${b}`.padStart(26)).join('')}`);
  const onnx = toOnnx(booster, { featureNames: names });
  for (const variant of VARIANTS) {
    const predictor = await OnnxPredictor.create(onnx, variant.session);
    const cells: string[] = [];
    for (const batch of BATCHES) {
      const x = inputs.get(batch) as Float32Array;
      const t = await compare(
        batch,
        () => booster.predict(x),
        () => predictor.predict(x),
      );
      cells.push(`${fmt(t.candidate)} vs ${fmt(t.native)} (${fmt(t.candidate / t.native)}x)`.padStart(26));
      if (variant === VARIANTS[0]) {
        result.nativeUsPerRow[batch] = Number(t.native.toFixed(3));
        result.ortUsPerRow[batch] = Number(t.candidate.toFixed(3));
        result.ortOverNative[batch] = Number((t.candidate / t.native).toFixed(3));
      }
    }
    console.log(`  ${variant.name.padEnd(50)} ${cells.join('')}`);
    await predictor.release();
  }

  const nativeMatrix: string[] = [];
  for (const batch of BATCHES) {
    const x = inputs.get(batch) as Float32Array;
    const t = await compare(
      batch,
      () => booster.predict(x),
      () => {
        const matrix = DMatrix.fromDense(x, { ncol: COLS });
        booster.predict(matrix);
        matrix.dispose();
      },
    );
    nativeMatrix.push(`${fmt(t.candidate)} vs ${fmt(t.native)} (${fmt(t.candidate / t.native)}x)`.padStart(26));
  }
  console.log(`  ${'native via DMatrix (create + predict) vs in-place'.padEnd(50)} ${nativeMatrix.join('')}`);

  const file = join(OUT_DIR, 'inference.json');
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\n${JSON.stringify(result)}\nwritten to ${file} (load average now ${load()})`);
  booster.dispose();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
