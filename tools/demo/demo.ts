// The main job in one command: replays a real NBA game day through the five running services.
// history in -> features -> models -> the day's schedule -> triggered batch -> predictions -> box scores -> grades -> report.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

const ROOT = resolve(__dirname, '../..');
const SHARED_DATA = process.env['PROPCAST_SHARED_DATA'] ?? resolve(ROOT, '../shared/data');
// The services accept this one key (a fresh one per run unless PROPCAST_API_KEY is set); the demo's calls send it.
const API_KEY = (process.env['PROPCAST_API_KEY'] ||= randomBytes(24).toString('base64url'));
const SERVICES: ServiceSpec[] = [
  { name: 'ingestion', port: 3001 },
  { name: 'feature-store', port: 3002 },
  { name: 'trainer', port: 3003, env: { TRAINER_SCHEDULER_ENABLED: 'false' } },
  { name: 'prediction-coordinator', port: 3004, env: { TRIGGER_MODE: 'all_complete' } },
  { name: 'prediction-worker', port: 3005 },
  { name: 'api', port: 3006 },
];
/** Picks the demo prints at its end (the top by EV). */
const DEMO_PICKS_SHOWN = 20;
const url = (service: string, path: string) => `http://127.0.0.1:${SERVICES.find((s) => s.name === service)!.port}${path}`;

interface Options {
  day: string;
  keep: boolean;
  retrain: boolean;
}

function parseOptions(argv: string[]): Options {
  const opts: Options = { day: '2021-05-16', keep: false, retrain: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--keep') opts.keep = true;
    else if (argv[i] === '--retrain') opts.retrain = true;
    else if (argv[i] === '--day') opts.day = argv[++i] ?? '';
    else if (argv[i] === '--help') {
      console.log('npm run demo -- [--day YYYY-MM-DD] [--keep] [--retrain]');
      process.exit(0);
    } else throw new Error(`unknown option ${argv[i]} (try --help)`);
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

async function ingestFile(kind: 'box-scores' | 'schedule' | 'props', file: string, contentType: string, query = ''): Promise<IngestReport> {
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

async function trainModels(day: string, retrain: boolean): Promise<void> {
  const existing = await productionModels();
  const stats = retrain ? [...ALL_STATS] : ALL_STATS.filter((s) => !existing.has(s));
  if (stats.length === 0) {
    process.stderr.write(`production models exist for every stat (${[...existing.values()].map((m) => `${m.stat} v${m.version}`).join(', ')}); --retrain trains again\n`);
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
  try {
    const data = await clock.run('preparing the real data (split at the replay day)', () =>
      prepareDemoData(SHARED_DATA, join(ROOT, 'var/demo'), opts.day, season),
    );
    await clock.run('starting the six services', async () => {
      await supervisor.startAll(SERVICES);
      process.stderr.write(`ready: ${SERVICES.map((s) => `${s.name} :${s.port}`).join(', ')} (logs in var/logs/)\n`);
    });
    await clock.run('ingesting the real seasons through the ingestion service', () => ingestHistory(data.historyBySeason));
    await clock.run('backfilling point-in-time features', () => backfillFeatures());
    await clock.run('training a model per stat (gate against baselines)', () => trainModels(opts.day, opts.retrain));
    const batch = await clock.run(`replaying ${opts.day}: schedule, lines, triggered batch`, async () => {
      const schedule = await ingestFile('schedule', data.daySchedule, 'application/gzip');
      process.stderr.write(`schedule: batch ${schedule.batchId} ${schedule.status}\n`);
      const linesFile = join(ROOT, 'var/demo', `proxy-lines-${opts.day}.csv`);
      writeFileSync(linesFile, await buildProxyLinesCsv(opts.day, season));
      const lines = await ingestFile('props', linesFile, 'text/csv');
      process.stderr.write(`lines: batch ${lines.batchId} ${lines.status} (proxy lines: season average before the day, rounded to .5, at -110)\n`);
      return waitForTriggeredBatch(opts.day);
    });
    await clock.run(`ingesting the final box scores of ${opts.day} and grading`, async () => {
      const report = await ingestFile('box-scores', data.dayBoxScores, 'application/gzip');
      process.stderr.write(`box scores: batch ${report.batchId} ${report.status}\n`);
      await waitForGrades(opts.day);
    });
    const summary = await collectDaySummary(opts.day, batch.batchId, clock.phases);
    console.log(formatSummary(summary));
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
  }
}

main().catch((err: Error) => {
  process.stderr.write(`\ndemo failed: ${err.message}\n`);
  process.exit(1);
});

