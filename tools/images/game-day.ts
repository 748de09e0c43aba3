// The small game day `npm run test:images` drives through the containers, over HTTP only (the services' ports come
// from PROPCAST_IMAGES_PORT_<SERVICE>): import the last PROPCAST_IMAGES_SEASONS seasons before the day, backfill
// features, train every stat with a small budget, import the day's schedule and proxy lines, wait for the triggered
// batch and predictions.ready, import the day's box scores, wait for the grades. Prints one line per step and a JSON
// summary on its last line. Reuses the demo's data split (tools/demo/prepare-demo-data) and proxy lines.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ALL_STATS } from '@propcast/contracts';
import { callJson, pollUntil, postJson } from '../demo/http-client';
import { prepareDemoData } from '../demo/prepare-demo-data';
import { buildProxyLinesCsv } from '../demo/proxy-lines';

const ROOT = resolve(__dirname, '../..');
const DAY = process.env['PROPCAST_IMAGES_DAY'] ?? '2021-05-16';
const SEASON = '2020-21';
const SEASONS = Number(process.env['PROPCAST_IMAGES_SEASONS'] ?? 1);
const BUDGET_MINUTES = Number(process.env['PROPCAST_IMAGES_TRAIN_BUDGET_MINUTES'] ?? 0.1);

function url(service: string, path: string): string {
  const port = process.env[`PROPCAST_IMAGES_PORT_${service.toUpperCase().replace(/-/g, '_')}`];
  if (!port) throw new Error(`no port for ${service}`);
  return `http://127.0.0.1:${port}${path}`;
}

const t0 = Date.now();
const step = (msg: string) => process.stderr.write(`  game day [${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${msg}\n`);

async function ingest(kind: 'box-scores' | 'schedule' | 'props', file: string, contentType: string): Promise<{ batchId: string; status: string }> {
  const res = await callJson<{ batchId: string; status: string }>(url('ingestion', `/ingest/${kind}?allowPartial=true`), {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: readFileSync(file),
    accept: [200, 201, 207],
  });
  return res.body;
}

async function main(): Promise<void> {
  if (!DAY.startsWith('2021-')) throw new Error('PROPCAST_IMAGES_DAY must be a day of the 2020-21 season');
  const data = await prepareDemoData(process.env['PROPCAST_SHARED_DATA'] ?? resolve(ROOT, '../shared/data'), join(ROOT, 'var/demo'), DAY, SEASON);
  const history = data.historyBySeason.slice(-SEASONS);
  for (const f of history) {
    const r = await ingest('box-scores', f.file, 'application/gzip');
    step(`imported ${f.rows.toLocaleString('en-US')} box-score rows of ${f.season}: batch ${r.batchId.slice(0, 8)} ${r.status}`);
  }

  const started = (await postJson<{ id?: string; skipped?: boolean }>(url('feature-store', '/backfill'), { skipIfCurrent: true }, {}, [200, 201, 202])).body;
  if (started.id) {
    const done = await pollUntil(
      async () => {
        const s = (await callJson<{ status: string; datesTotal: number; rowsWritten: number; error?: string }>(url('feature-store', `/backfill/${started.id}`))).body;
        if (s.status === 'failed') throw new Error(`backfill failed: ${s.error}`);
        return s.status === 'completed' ? s : undefined;
      },
      { timeoutMs: 10 * 60_000, everyMs: 1000, what: 'the feature backfill' },
    );
    step(`features backfilled: ${done.rowsWritten.toLocaleString('en-US')} rows over ${done.datesTotal} dates`);
  } else step('features current, backfill skipped');

  const to = new Date(Date.parse(`${DAY}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const { body: train } = await postJson<{ runs: { runId: string; stat: string }[] }>(url('trainer', '/train'), {
    stats: [...ALL_STATS],
    window: { to },
    budget: BUDGET_MINUTES,
    reason: `test:images: models for ${DAY}`,
  });
  const runs = await pollUntil(
    async () => {
      const rs = await Promise.all(train.runs.map(async (r) => (await callJson<{ stat: string; status: string; error?: string }>(url('trainer', `/train/${r.runId}`))).body));
      return rs.every((r) => r.status === 'SUCCEEDED' || r.status === 'FAILED') ? rs : undefined;
    },
    { timeoutMs: 20 * 60_000, everyMs: 2000, what: 'training runs' },
  );
  const failed = runs.filter((r) => r.status === 'FAILED');
  if (failed.length) throw new Error(`training failed: ${failed.map((r) => `${r.stat}: ${r.error}`).join('; ')}`);
  const production: string[] = [];
  for (const stat of ALL_STATS) {
    const { body } = await callJson<{ version: number }[]>(url('trainer', `/models?stat=${stat}&status=PRODUCTION`));
    if (body.length) production.push(`${stat} v${body[0].version}`);
  }
  step(`trained ${runs.length} models (budget ${BUDGET_MINUTES} min); in production: ${production.join(', ') || 'none'}`);
  if (production.length === 0) throw new Error('no production model: the gate refused every candidate');

  const schedule = await ingest('schedule', data.daySchedule, 'application/gzip');
  const linesFile = join(ROOT, 'var/images', `proxy-lines-${DAY}.csv`);
  writeFileSync(linesFile, await buildProxyLinesCsv(DAY, SEASON));
  const lines = await ingest('props', linesFile, 'text/csv');
  step(`schedule ${schedule.status}, proxy lines ${lines.status}; waiting for the triggered batch`);

  const first = await pollUntil(
    async () => {
      const res = await callJson<{ batchId: string }>(url('prediction-coordinator', `/status?gameDate=${DAY}`), { accept: [200, 404] });
      return res.status === 200 ? res.body : undefined;
    },
    { timeoutMs: 5 * 60_000, everyMs: 1000, what: `the coordinator to start the ${DAY} batch` },
  );
  const batch = await pollUntil(
    async () => {
      const s = (
        await callJson<{ state: string; requested: number; completed: number; failed: number; readyPublishedAt: string | null; failures?: { reason: string; count: number }[] }>(
          url('prediction-coordinator', `/status/${first.batchId}`),
        )
      ).body;
      return s.readyPublishedAt || s.state === 'FAILED' ? s : undefined;
    },
    { timeoutMs: 10 * 60_000, everyMs: 500, what: 'predictions.ready' },
  );
  step(`batch ${first.batchId.slice(0, 8)} ${batch.state}: ${batch.completed} predicted, ${batch.failed} failed, ready ${batch.readyPublishedAt}`);
  for (const f of batch.failures ?? []) step(`  failed: ${f.count} x ${f.reason}`);
  if (!batch.readyPublishedAt || batch.completed === 0) throw new Error(`batch ${batch.state} without predictions`);

  const picks = (await callJson<{ picks?: unknown[] }>(url('api', `/picks?date=${DAY}&limit=5`))).body;
  const boxes = await ingest('box-scores', data.dayBoxScores, 'application/gzip');
  const grades = await pollUntil(
    async () => {
      const { body } = await callJson<{ days?: unknown[] }>(url('trainer', `/grades?from=${DAY}&to=${DAY}`));
      return body.days && body.days.length > 0 ? body.days : undefined;
    },
    { timeoutMs: 3 * 60_000, everyMs: 1000, what: `grades of ${DAY}` },
  );
  step(`final box scores ${boxes.status}; graded ${DAY} (${grades.length} day row(s)); api /picks listed ${picks.picks?.length ?? 0}`);
  console.log(
    JSON.stringify({
      day: DAY,
      seasons: history.map((h) => h.season),
      models: production,
      predicted: batch.completed,
      failed: batch.failed,
      graded: true,
      seconds: Math.round((Date.now() - t0) / 1000),
    }),
  );
}

main().catch((err: Error) => {
  process.stderr.write(`game day failed: ${err.message}\n`);
  process.exit(1);
});
