// `npm run bench`: every benchmark of the project in turn, then one table of their figures and ratios
// (with the machine's core count and a timestamp), written as var/bench/latest.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { textTable } from '@propcast/reporting';

const ROOT = resolve(__dirname, '../..');
const OUT = join(ROOT, 'var/bench');
const BENCHES = ['inference', 'ingest', 'features', 'train', 'slate', 'api', 'live'] as const;

/** The figure of each benchmark the table shows, its unit and its target (as the issues state them). */
const HEADLINES: Record<(typeof BENCHES)[number], [string, string, string][]> = {
  inference: [
    ['ortOverNative.1', 'ORT / native, batch 1', '< 1'],
    ['ortOverNative.3000', 'ORT / native, batch 3000', '<= 1.5'],
    ['trainSeconds', 'train 50k x 40, 500 trees (s)', ''],
    ['cliTrainSeconds', 'same with the xgboost CLI (s)', '~ binding'],
  ],
  ingest: [
    ['rowsPerSecond', 'box-score rows/s end to end', '>= 50,000'],
    ['overCopy', 'import time / bare COPY', '<= 3'],
  ],
  features: [
    ['seconds', 'ten-season backfill, writes included (s)', '< 60'],
    ['computeOnlySeconds', 'pure computation alone (s)', ''],
    ['servingP95Ms', 'warm slate read p95 (ms)', '< 50'],
    ['incrementalDaySeconds', 'one new day appended, rows current (s)', '< 1'],
    ['incrementalOverFullReplay', 'new day / full-replay recompute', ''],
    ['replayParity', 'new day = full replay, byte for byte', 'true'],
  ],
  train: [
    ['seconds', 'five stats, 250k rows (s)', '< 180'],
    ['outsideXgboostShare', 'share outside libxgboost', '< 0.2'],
  ],
  slate: [
    ['predictionsPerSecond', 'predictions/s end to end', '>= 5,000'],
    ['overInProcessFloor', 'end to end / in-process floor', ''],
    ['jobLatencyMs.p95', 'job latency p95 (ms)', ''],
  ],
  api: [
    ['picksP95Ms', 'GET /picks p95, 10k-prediction day (ms)', '< 50'],
    ['sqlBaselineP95Ms', "bare SELECT of the day's predictions p95 (ms)", ''],
    ['boardRenderMs', 'board first render (ms)', '< 1000'],
  ],
  live: [
    ['repriceP95Ms', 'line snapshot commit -> re-priced + published p95 (ms)', '< 250'],
    ['repriceOverBaseline', 're-priced p95 / event hop p95', ''],
    ['newsExcludingFeaturesP95Ms', 'OUT report -> teammates re-predicted p95, feature recompute left out (ms)', '(< 2000 with it)'],
  ],
};

function pick(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

function main(): void {
  const only = process.argv.slice(2);
  const results: Record<string, unknown> = {};
  const failed: string[] = [];
  for (const name of BENCHES) {
    if (only.length && !only.includes(name)) continue;
    process.stderr.write(`\n== bench:${name}\n`);
    const run = spawnSync('npm', ['run', '--silent', `bench:${name}`], { cwd: ROOT, stdio: 'inherit' });
    const file = join(OUT, `${name}.json`);
    if (run.status !== 0 || !existsSync(file)) failed.push(name);
    else results[name] = JSON.parse(readFileSync(file, 'utf8'));
  }
  const latest = { measuredAt: new Date().toISOString(), cores: cpus().length, loadAverage1m: loadavg()[0], results, failed };
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'latest.json'), `${JSON.stringify(latest, null, 2)}\n`);
  const rows: string[][] = [['benchmark', 'figure', 'value', 'target']];
  for (const [name, result] of Object.entries(results)) {
    for (const [path, label, target] of HEADLINES[name as (typeof BENCHES)[number]]) {
      const v = pick(result, path);
      rows.push([name, label, typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 3 }) : String(v ?? '-'), target]);
    }
  }
  console.log(`\nPropcast benchmarks, ${latest.measuredAt}, ${latest.cores} cores (load average ${latest.loadAverage1m.toFixed(2)})`);
  console.log(textTable(rows[0], rows.slice(1), { align: 'left', rule: false }));
  console.log(`\nwritten: var/bench/latest.json${failed.length ? `; FAILED: ${failed.join(', ')}` : ''}`);
  if (failed.length) process.exit(1);
}

main();
