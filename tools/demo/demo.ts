// The main job in one command: replays a real NBA game day through the five running services.
// history in -> features -> models -> the day's schedule -> triggered batch -> predictions -> box scores -> grades -> report.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { GameDate } from '@propcast/common';
import { ProgressReporter } from '@propcast/observability';
import { ALL_STATS } from '@propcast/contracts';
import { callJson, pollUntil, postJson } from './http-client';
import { formatPicksTable, type PicksList } from '@propcast/read-model';
import { prepareDemoData } from './prepare-demo-data';
import { ServiceSupervisor, type ServiceSpec } from './service-supervisor';
import { buildProxyLinesCsv } from './proxy-lines';
import { collectDaySummary, type PhaseTiming } from './day-summary';
import { formatSummary } from './summary-table';
import { renderDemoReport } from './report';
import { databaseUrlFromEnv } from '@propcast/db';
import { Pool } from 'pg';
import { DEMO_USAGE, instantOf, parseDemoOptions, type DemoFeatureSet, type DemoOptions } from './demo-options';
import { LiveReplayRepository } from './live-replay.repository';
import { readOutPlayers, runLiveReplay, type IngestCsv } from './live-replay';
import { ServingModelsRepository, type ServingModel } from './serving-models.repository';

const ROOT = resolve(__dirname, '../..');
const SHARED_DATA = process.env['PROPCAST_SHARED_DATA'] ?? resolve(ROOT, '../shared/data');
// The services accept this one key (a fresh one per run unless PROPCAST_API_KEY is set); the demo's calls send it.
const API_KEY = (process.env['PROPCAST_API_KEY'] ||= randomBytes(24).toString('base64url'));
const SERVICE_SPECS: ServiceSpec[] = [
  { name: 'ingestion', port: 3001 },
  { name: 'feature-store', port: 3002 },
  { name: 'trainer', port: 3003, env: { TRAINER_SCHEDULER_ENABLED: 'false' } },
  { name: 'prediction-coordinator', port: 3004, env: { TRIGGER_MODE: 'all_complete' } },
  { name: 'prediction-worker', port: 3005 },
  { name: 'api', port: 3006 },
];
/** The services computing and serving one feature set (FEATURE_SET of the feature store, coordinator and worker). */
const servicesFor = (featureSet: DemoFeatureSet): ServiceSpec[] => SERVICE_SPECS.map((s) => ({ ...s, env: { ...s.env, FEATURE_SET: featureSet } }));
const SERVICES = SERVICE_SPECS;
/** The real closing game lines (spread, total) of 2007-08 to 2024-25: v3's game environment. */
const GAME_LINES_FILE = join(SHARED_DATA, 'formats/game_lines/game_lines_2007-08_to_2024-25_without_2021-23.csv.gz');

/** The header and the rows of one date of the closing-lines file (its second column is the date). */
function gameLinesOfDay(file: string, day: string): string {
  const [header, ...rows] = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
  return [header, ...rows.filter((r) => r.split(',')[1] === day)].join('\n') + '\n';
}

/** Picks the demo prints at its end (the top by EV). */
const DEMO_PICKS_SHOWN = 20;
const url = (service: string, path: string) => `http://127.0.0.1:${SERVICES.find((s) => s.name === service)!.port}${path}`;

function parseOptions(argv: string[]): DemoOptions {
  const opts = parseDemoOptions(argv);
  if (opts === null) {
    console.log(DEMO_USAGE);
    process.exit(0);
  }
  if (!GameDate.isValid(opts.day)) throw new Error(`--day must be YYYY-MM-DD, got "${opts.day}"`);
  return opts;
}

/** "2020-21" for any date of that season (seasons start in October). */
function seasonOf(day: string): string {
  const [y, m] = day.split('-').map(Number);
  const start = m >= 8 ? y : y - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

class PhaseClock {
  readonly phases: PhaseTiming[] = [];
  async run<T>(name: string, work: () => Promise<T>): Promise<T> {
    const t0 = Date.now();
    process.stderr.write(`\n== ${name}\n`);
    const out = await work();
    this.phases.push({ name, seconds: (Date.now() - t0) / 1000 });
    return out;
  }
}

interface IngestReport {
  batchId: string;
  status: string;
  counts?: Record<string, number>;
  rowsTotal?: number;
  problems?: unknown;
}

async function ingestFile(kind: 'box-scores' | 'schedule' | 'props' | 'game-lines', file: string, contentType: string, query = ''): Promise<IngestReport> {
  const res = await callJson<IngestReport>(url('ingestion', `/ingest/${kind}?allowPartial=true${query}`), {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: readFileSync(file),
    accept: [200, 201, 207],
  });
  return res.body;
}

async function ingestHistory(files: { season: string; file: string; rows: number }[]): Promise<void> {
  const total = files.reduce((n, f) => n + f.rows, 0);
  const bar = new ProgressReporter('importing box scores', total, { unit: 'rows', lineEveryMs: 2000 });
  let done = 0;
  for (const f of files) {
    const report = await ingestFile('box-scores', f.file, 'application/gzip');
    done += f.rows;
    bar.update(done);
    if (report.status === 'PARTIAL') process.stderr.write(`\n  ${f.season}: some rows rejected (batch ${report.batchId}); see its reject artifact\n`);
  }
  bar.finish(`imported ${total.toLocaleString('en-US')} rows of ${files.length} seasons (already-imported files are no-ops)`);
}

interface BackfillStatus {
  id: string;
  status: string;
  datesDone: number;
  datesTotal: number;
  rowsWritten: number;
  error?: string | null;
}

async function backfillFeatures(): Promise<void> {
  // A second run finds every box score with current feature rows (imports were no-ops) and skips the backfill.
  const started = await postJson<BackfillStatus | { skipped: true; rows: number; reason: string }>(url('feature-store', '/backfill'), { skipIfCurrent: true }, {}, [200, 201, 202]);
  const body = started.body;
  if ('skipped' in body) {
    console.log(`features current, backfill skipped: ${body.reason}`);
    return;
  }
  const bar = new ProgressReporter('backfilling features', Math.max(body.datesTotal, 1), { unit: 'dates', lineEveryMs: 3000 });
  const final = await pollUntil(
    async () => {
      const s = (await callJson<BackfillStatus>(url('feature-store', `/backfill/${body.id}`))).body;
      bar.update(s.datesDone, Math.max(s.datesTotal, 1));
      if (s.status === 'failed') throw new Error(`backfill failed: ${s.error}`);
      return s.status === 'completed' ? s : undefined;
    },
    { timeoutMs: 15 * 60_000, everyMs: 1000, what: 'the feature backfill' },
  );
  bar.finish(`features ready: ${final.rowsWritten.toLocaleString('en-US')} rows over ${final.datesTotal} dates`);
}

interface ModelRow {
  id: string;
  stat: string;
  version: number;
  status: string;
  statusReason?: string | null;
}

interface RunRecord {
  runId?: string;
  id?: string;
  stat: string;
  status: string;
  progress: number;
  progressMessage?: string | null;
  error?: string | null;
}

async function productionModels(): Promise<Map<string, ModelRow>> {
  const out = new Map<string, ModelRow>();
  for (const stat of ALL_STATS) {
    const { body } = await callJson<ModelRow[]>(url('trainer', `/models?stat=${stat}&status=PRODUCTION`));
    if (body.length) out.set(stat, body[0]);
  }
  return out;
}

/** Trains `stats` on v1 through the trainer's POST /train (the demo's v1 path and the fallback). */
async function trainModels(day: string, stats: string[]): Promise<void> {
  if (stats.length === 0) {
    process.stderr.write('production v1 models exist for every stat; --retrain trains again\n');
    return;
  }
  const { body } = await postJson<{ runs: { runId: string; stat: string }[] }>(url('trainer', '/train'), {
    stats,
    window: { to: dayBefore(day) },
    // A short search budget keeps the demo within minutes; `propcast train --budget` searches longer.
    budget: Number(process.env['DEMO_TRAIN_BUDGET_MINUTES'] ?? 0.5),
    reason: `demo: models for ${day}, trained on everything before it`,
  });
  const bar = new ProgressReporter(`training ${stats.length} models`, 100 * body.runs.length, { unit: '%', lineEveryMs: 5000 });
  const finished = await pollUntil(
    async () => {
      const runs = await Promise.all(body.runs.map(async (r) => (await callJson<RunRecord>(url('trainer', `/train/${r.runId}`))).body));
      bar.update(Math.round(runs.reduce((n, r) => n + 100 * (r.status === 'SUCCEEDED' || r.status === 'FAILED' ? 1 : r.progress), 0)));
      return runs.every((r) => r.status === 'SUCCEEDED' || r.status === 'FAILED') ? runs : undefined;
    },
    { timeoutMs: 20 * 60_000, everyMs: 2000, what: 'training runs' },
  );
  bar.finish();
  const failed = finished.filter((r) => r.status === 'FAILED');
  if (failed.length) throw new Error(`training failed: ${failed.map((r) => `${r.stat}: ${r.error}`).join('; ')}`);
  const now = await productionModels();
  for (const stat of stats) {
    const m = now.get(stat);
    process.stderr.write(`  ${stat.padEnd(8)} ${m ? `production v${m.version}` : 'no production model (the gate refused the candidate; see GET /models)'}\n`);
  }
}

const FEATURE_SET_IDS: Record<DemoFeatureSet, string> = { v1: 'player-props@v1', v2: 'player-props@v2', v3: 'player-props@v3' };

/** Runs `propcast train` (the path users take) in a child process with this process's environment; resolves its exit code. */
function runPropcastTrain(args: string[]): Promise<number> {
  process.stderr.write(`$ propcast train ${args.join(' ')}\n`);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'apps/cli/bin/propcast.js'), 'train', ...args], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => resolvePromise(code ?? 1));
  });
}

/** Targets (stats, and MINUTES with the projection) whose production model is missing or not on the wanted set. */
function targetsToTrain(serving: ServingModel[], opts: DemoOptions): string[] {
  const wanted = FEATURE_SET_IDS[opts.featureSet];
  const targets = [...(opts.minutesProjection ? ['MINUTES'] : []), ...ALL_STATS];
  if (opts.retrain) return targets;
  return targets.filter((t) => {
    const m = serving.find((s) => s.stat === t);
    return !m || m.featureSetId !== wanted || (t !== 'MINUTES' && m.minutesProjection !== opts.minutesProjection);
  });
}

/** What serves the day and why (the summary's "served by" lines). */
interface ServingDecision {
  featureSet: DemoFeatureSet;
  /** Why the demo fell back to v1 (null: it serves the asked set). */
  fallback: string | null;
}

/**
 * Trains the asked feature set's models with `propcast train` (the minutes model first when the projection is on) and
 * answers whether every stat now has a production model on that set; v1 trains through the trainer's POST /train.
 */
async function trainServingModels(opts: DemoOptions, models: ServingModelsRepository): Promise<string | null> {
  const wanted = FEATURE_SET_IDS[opts.featureSet];
  const targets = targetsToTrain(await models.production(), opts);
  if (opts.featureSet === 'v1') await trainModels(opts.day, targets);
  else if (targets.length === 0) process.stderr.write(`production ${opts.featureSet} models exist for every target; --retrain trains again\n`);
  else {
    const args = ['--stat', targets.join(',').toLowerCase(), '--feature-set', opts.featureSet, '--to', dayBefore(opts.day), '--budget', process.env['DEMO_TRAIN_BUDGET_MINUTES'] ?? '0.5'];
    if (opts.minutesProjection) args.push('--minutes-projection');
    const code = await runPropcastTrain(args);
    // Exit code 1 also means a refused or failed run: the registry below says what serves.
    if (code !== 0) process.stderr.write(`propcast train exited with ${code}: a run failed or was refused (see above)\n`);
  }
  const now = await models.production();
  const refused: string[] = ALL_STATS.filter((stat) => now.find((m) => m.stat === stat)?.featureSetId !== wanted);
  if (opts.minutesProjection && now.find((m) => m.stat === 'MINUTES')?.featureSetId !== wanted) refused.push('MINUTES');
  return refused.length ? `no production ${opts.featureSet} model for ${refused.join(', ')} (the gate refused the candidate, or training failed)` : null;
}

/** The summary's lines on what served: each target's production model and feature set, and the day's availability per source. */
function servingLines(serving: ServingModel[], decision: ServingDecision, availability: Record<string, number>): string {
  const lines = [`served by feature set ${decision.featureSet}${decision.fallback ? ` (FALLBACK to v1: ${decision.fallback})` : ''}:`];
  for (const m of serving) lines.push(`  ${m.stat.padEnd(9)} ${m.id} (v${m.version}) on ${m.featureSetId}${m.minutesProjection ? ', with the minutes projection' : ''}`);
  const total = Object.values(availability).reduce((a, b) => a + b, 0);
  lines.push(
    `availability of the day: ${total} reports: ${availability['report'] ?? 0} report (imported reports), ${availability['boxscore'] ?? 0} boxscore-derived (DND/NWT/inactive comments of the final box scores)`,
  );
  return lines.join('\n');
}

interface BatchStatus {
  batchId: string;
  state: string;
  requested: number;
  completed: number;
  failed: number;
  progressPercent: number;
  readyPublishedAt: string | null;
  failures: { reason: string; count: number }[];
}

async function waitForTriggeredBatch(day: string): Promise<BatchStatus> {
  process.stderr.write('waiting for the feature processors to report the day, and the coordinator to start the batch by trigger...\n');
  const first = await pollUntil(
    async () => {
      const res = await callJson<BatchStatus>(url('prediction-coordinator', `/status?gameDate=${day}`), { accept: [200, 404] });
      return res.status === 200 ? res.body : undefined;
    },
    { timeoutMs: 5 * 60_000, everyMs: 1000, what: `the coordinator to start the ${day} batch` },
  );
  const bar = new ProgressReporter(`predicting (batch ${first.batchId.slice(0, 8)})`, Math.max(first.requested, 1), { unit: 'requests', lineEveryMs: 2000 });
  const done = await pollUntil(
    async () => {
      const s = (await callJson<BatchStatus>(url('prediction-coordinator', `/status/${first.batchId}`))).body;
      bar.update(s.completed + s.failed, Math.max(s.requested, 1));
      return s.readyPublishedAt || s.state === 'FAILED' ? s : undefined;
    },
    { timeoutMs: 10 * 60_000, everyMs: 500, what: 'predictions.ready' },
  );
  bar.finish(`batch ${done.state}: ${done.completed} predicted, ${done.failed} failed${done.readyPublishedAt ? `, predictions.ready at ${done.readyPublishedAt}` : ''}`);
  for (const f of done.failures ?? []) process.stderr.write(`  failed: ${f.count} x ${f.reason}\n`);
  return done;
}

async function waitForGrades(day: string): Promise<void> {
  await pollUntil(
    async () => {
      const { body } = await callJson<{ days?: unknown[] }>(url('trainer', `/grades?from=${day}&to=${day}`));
      return body.days && body.days.length > 0 ? true : undefined;
    },
    { timeoutMs: 3 * 60_000, everyMs: 1000, what: `grades of ${day}` },
  );
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const season = seasonOf(opts.day);
  const clock = new PhaseClock();
  const supervisor = new ServiceSupervisor(ROOT, { LOG_LEVEL: 'info', API_KEYS: `demo:${API_KEY}`, READ_API_KEYS: '', AUTH_DISABLED: 'false' });
  const stop = async () => {
    if (!opts.keep) {
      process.stderr.write('\nstopping the services...\n');
      await supervisor.stopAll();
    }
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  const pool = new Pool({ connectionString: databaseUrlFromEnv(), max: 2 });
  const models = new ServingModelsRepository(pool);
  const decision: ServingDecision = { featureSet: opts.featureSet, fallback: null };
  try {
    const data = await clock.run('preparing the real data (split at the replay day)', () => prepareDemoData(SHARED_DATA, join(ROOT, 'var/demo'), opts.day, season));
    await clock.run('starting the six services', async () => {
      await supervisor.startAll(servicesFor(opts.featureSet));
      process.stderr.write(`ready: ${SERVICES.map((s) => `${s.name} :${s.port}`).join(', ')} (logs in var/logs/)\n`);
    });
    await clock.run('ingesting the real seasons through the ingestion service', () => ingestHistory(data.historyBySeason));
    if (opts.featureSet === 'v3') {
      // v3's era-relative game environment reads spreads and totals: the real closing lines (every season of the file;
      // features use only lines of games before their cutoff, and the replay day's own closing line, which is a pre-game line).
      await clock.run('ingesting the real closing game lines (v3 game environment)', async () => {
        const r = await ingestFile('game-lines', GAME_LINES_FILE, 'application/gzip');
        process.stderr.write(`game lines: batch ${r.batchId} ${r.status}${r.status === 'PARTIAL' ? ' (rows of games not in the box scores are rejected; see its reject artifact)' : ''}\n`);
      });
    }
    await clock.run(`backfilling point-in-time features (${opts.featureSet})`, () => backfillFeatures());
    const what = opts.minutesProjection ? `the minutes model and a ${opts.featureSet} model per stat with its projection` : `a ${opts.featureSet} model per stat`;
    decision.fallback = await clock.run(`training ${what} (gate against baselines)`, () => trainServingModels(opts, models));
    if (decision.fallback) {
      // Never leave the demo without predictions: serve v1, whose features and models the demo makes as it always did.
      process.stderr.write(`\nFALLBACK to v1 serving: ${decision.fallback}\n`);
      decision.featureSet = 'v1';
      await clock.run('falling back to v1: restarting the services on v1, backfilling and training v1', async () => {
        await supervisor.stopAll();
        await supervisor.startAll(servicesFor('v1'));
        await backfillFeatures();
        await trainModels(opts.day, targetsToTrain(await models.production(), { ...opts, featureSet: 'v1', minutesProjection: false }));
      });
    }
    const batch = await clock.run(`replaying ${opts.day}: schedule, lines, triggered batch`, async () => {
      const schedule = await ingestFile('schedule', data.daySchedule, 'application/gzip');
      process.stderr.write(`schedule: batch ${schedule.batchId} ${schedule.status}\n`);
      if (opts.featureSet === 'v3') {
        // The day's closing game lines need the day's games (the schedule above); the history import rejected them.
        const dayLines = join(ROOT, 'var/demo', `game-lines-${opts.day}.csv`);
        writeFileSync(dayLines, gameLinesOfDay(GAME_LINES_FILE, opts.day));
        const r = await ingestFile('game-lines', dayLines, 'text/csv');
        process.stderr.write(`game lines of the day: batch ${r.batchId} ${r.status}\n`);
      }
      const linesFile = join(ROOT, 'var/demo', `proxy-lines-${opts.day}.csv`);
      writeFileSync(linesFile, await buildProxyLinesCsv(opts.day, season));
      const lines = await ingestFile('props', linesFile, 'text/csv');
      process.stderr.write(`lines: batch ${lines.batchId} ${lines.status} (proxy lines: season average before the day, rounded to .5, at -110)\n`);
      return waitForTriggeredBatch(opts.day);
    });
    if (opts.live) {
      await clock.run(`live replay of ${opts.day}: line moves and availability reports in time order (x${opts.speed})`, async () => {
        const ingestCsv: IngestCsv = (kind, csv) =>
          callJson<IngestReport>(url('ingestion', `/ingest/${kind}?allowPartial=true`), { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv, accept: [200, 201, 207] }).then(
            (r) => r.body,
          );
        await runLiveReplay(new LiveReplayRepository(pool), ingestCsv, await readOutPlayers(data.dayBoxScores), {
          day: opts.day,
          speed: opts.speed,
          from: instantOf(opts.day, opts.liveFrom),
          to: instantOf(opts.day, opts.liveTo),
          effectTimeoutMs: 30_000,
        });
      });
    }
    await clock.run(`ingesting the final box scores of ${opts.day} and grading`, async () => {
      const report = await ingestFile('box-scores', data.dayBoxScores, 'application/gzip');
      process.stderr.write(`box scores: batch ${report.batchId} ${report.status}\n`);
      await waitForGrades(opts.day);
    });
    const summary = await collectDaySummary(opts.day, batch.batchId, clock.phases);
    console.log(formatSummary(summary));
    console.log(servingLines(await models.production(), decision, await new LiveReplayRepository(pool).availabilityBySource(opts.day)));
    mkdirSync(join(ROOT, 'var/reports'), { recursive: true });
    const reportPath = join(ROOT, 'var/reports', `${opts.day}.html`);
    writeFileSync(reportPath, renderDemoReport(summary));
    // The read side's view of the day: its picks at the best price across books (GET /picks of apps/api).
    const picks = await callJson<PicksList>(url('api', `/picks?date=${opts.day}&limit=${DEMO_PICKS_SHOWN}`));
    console.log(`\n${formatPicksTable(picks.body)}`);
    console.log(`(the ${DEMO_PICKS_SHOWN} best by EV; all of them: npx propcast picks --date ${opts.day})`);
    console.log(`\nreport: ${reportPath}`);
    console.log(
      opts.keep
        ? `slate board: http://127.0.0.1:3006/?date=${opts.day}#key=${API_KEY}  (the key stays in the browser; the page asks for it otherwise)`
        : `slate board: run with --keep to open it at http://127.0.0.1:3006/?date=${opts.day}`,
    );
    console.log(`metrics: ${SERVICES.map((s) => `http://127.0.0.1:${s.port}/metrics`).join('  ')}`);
    console.log('Grafana: import k8s/base/monitoring/dashboards/*.json into a Grafana whose Prometheus scrapes the /metrics URLs above');
    console.log(`API docs: http://127.0.0.1:3001/docs (every service has /docs)${opts.keep ? '' : ' (with --keep)'}`);
    if (opts.keep) console.log(`API key of the running services: export PROPCAST_API_KEY=${API_KEY}  (curl -H "Authorization: Bearer $PROPCAST_API_KEY" ...)`);
    console.log('lines here are proxies; the model against real sportsbook prices (2024-25 threes and PRA): npm run backtest:market');
  } finally {
    await stop();
    await pool.end();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`\ndemo failed: ${err.message}\n`);
  process.exit(1);
});
