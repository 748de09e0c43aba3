import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { parse } from 'yaml';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { TEST_AUTH_ENV } from '@propcast/observability/testing';
import { candidateBaseNames, metricNames, PROMETHEUS_SERIES } from './promql';

const ROOT = join(__dirname, '../../../..');
const MONITORING = join(ROOT, 'k8s/base/monitoring');
const DASHBOARDS = ['pipeline.json', 'serving.json', 'models.json'];
const SERVICES = ['ingestion', 'feature-store', 'trainer', 'prediction-coordinator', 'prediction-worker'];

interface Panel {
  title?: string;
  targets?: { expr?: string }[];
  panels?: Panel[];
}

/** Every PromQL expression of the dashboards and alert rules, with where it comes from. */
function queries(): { where: string; expr: string }[] {
  const out: { where: string; expr: string }[] = [];
  const walk = (file: string, panels: Panel[]) => {
    for (const p of panels) {
      for (const t of p.targets ?? []) if (t.expr) out.push({ where: `${file} "${p.title}"`, expr: t.expr });
      walk(file, p.panels ?? []);
    }
  };
  for (const file of DASHBOARDS) walk(file, (JSON.parse(readFileSync(join(MONITORING, 'dashboards', file), 'utf8')) as { panels: Panel[] }).panels);
  const rules = parse(readFileSync(join(MONITORING, 'alerts.yaml'), 'utf8')) as { spec: { groups: { rules: { alert?: string; record?: string; expr: string }[] }[] } };
  for (const rule of rules.spec.groups.flatMap((g) => g.rules)) out.push({ where: `alerts.yaml ${rule.alert ?? rule.record}`, expr: String(rule.expr) });
  return out;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Boots a service as `nx serve` does and returns the `# TYPE` lines of its /metrics: name → type. */
async function exportedMetrics(app: string, env: Record<string, string>, procs: ChildProcess[]): Promise<Map<string, string>> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${app}/src/main.ts`], {
    cwd: ROOT,
    env: { ...process.env, ...TEST_AUTH_ENV, ...env, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  procs.push(proc);
  let output = '';
  proc.stdout?.on('data', (d) => (output += d));
  proc.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<never>((_, reject) => proc.on('exit', (code) => reject(new Error(`${app} exited with ${code} before serving /metrics:\n${output}`))));
  const scrape = (async () => {
    const deadline = Date.now() + 150_000;
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/metrics`);
        if (res.ok) return await res.text();
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`${app} did not serve /metrics in time:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  const text = await Promise.race([scrape, exited]);
  return new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1], m[2]]));
}

describe('dashboards and alert rules refer only to exported metrics', () => {
  let db: TestDatabase;
  const procs: ChildProcess[] = [];
  const prefix = `metric-refs-${process.pid}-${Date.now()}`;
  const artifacts = mkdtempSync(join(tmpdir(), 'metric-refs-'));
  const exported = new Map<string, { type: string; services: string[] }>();

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = {
      DATABASE_URL: db.url,
      EVENT_TOPIC_PREFIX: `${prefix}.`,
      QUEUE_PREFIX: prefix,
      FEATURE_CACHE_KEY_PREFIX: `${prefix}:features`,
      ARTIFACT_STORE_URI: artifacts,
      TRAINER_SCHEDULER_ENABLED: 'false',
      DRIFT_CRON: 'off',
      STARTUP_TIMEOUT_MS: '30000',
    };
    const registries = await Promise.all(SERVICES.map((app) => exportedMetrics(app, env, procs)));
    registries.forEach((metrics, i) => {
      for (const [name, type] of metrics) {
        const entry = exported.get(name) ?? { type, services: [] };
        entry.services.push(SERVICES[i]);
        exported.set(name, entry);
      }
    });
  }, 180_000);

  afterAll(async () => {
    await Promise.all(
      procs.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.exitCode !== null) return resolve();
            p.on('exit', () => resolve());
            p.kill('SIGTERM');
          }),
      ),
    );
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await db?.drop();
    rmSync(artifacts, { recursive: true, force: true });
  });

  it('finds queries in every dashboard and the alert rules', () => {
    const where = new Set(queries().map((q) => q.where.split(' ')[0]));
    expect([...where].sort()).toEqual(['alerts.yaml', ...DASHBOARDS].sort());
  });

  it('every metric a query selects is exported by a running service (histogram series by their base name)', () => {
    const missing: string[] = [];
    for (const { where, expr } of queries()) {
      for (const name of metricNames(expr)) {
        if (PROMETHEUS_SERIES.has(name)) continue;
        const found = candidateBaseNames(name).some((candidate, i) => {
          const metric = exported.get(candidate);
          return metric !== undefined && (i === 0 ? metric.type !== 'histogram' : ['histogram', 'summary'].includes(metric.type));
        });
        if (!found) missing.push(`${where}: ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('exports the grading and drift metrics from the trainer', () => {
    for (const name of ['propcast_grades_total', 'propcast_graded_mae', 'propcast_drift_psi_max', 'propcast_drift_retrain_requested_total']) {
      expect(`${name}: ${exported.get(name)?.services.join(',') ?? 'not exported'}`).toBe(`${name}: trainer`);
    }
  });
});
