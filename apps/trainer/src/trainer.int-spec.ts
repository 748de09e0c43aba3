import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Test } from '@nestjs/testing';
import { ARTIFACT_STORE, type ArtifactStore } from '@propcast/artifact-store';
import { createEvent } from '@propcast/contracts';
import { PG_POOL, PRISMA_CLIENT, type PrismaClient } from '@propcast/db';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { EVENT_BUS } from '@propcast/messaging';
import { installTestHttpPlatform, testAuthHeaders } from '@propcast/observability/testing';
import { createTrainingServices, defaultTrainingSettings, type TrainingServices } from '@propcast/training';
import { FakeEventBus, seedFeatureStore, simulateLeague } from '@propcast/training/testing';
import type { Pool } from 'pg';
import request from 'supertest';
import { AppModule } from './app.module';
import { loadTrainerConfig } from './config';
import { TrainingMetricsRefresher } from './metrics/training-metrics.refresher';
import { TRAINING_SERVICES } from './trainer.tokens';

// Trainings refit on every row after the selection fit: on a loaded 2-core machine a test takes 1-2 minutes.
jest.setTimeout(240_000);

async function boot(db: TestDatabase, root: string, bus: FakeEventBus, env: Record<string, string> = {}): Promise<INestApplication> {
  const config = loadTrainerConfig({ DATABASE_URL: db.url, ARTIFACT_STORE_URI: root, ...env });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(EVENT_BUS)
    .useValue(bus)
    .overrideProvider(TRAINING_SERVICES)
    .useFactory({
      inject: [PRISMA_CLIENT, PG_POOL, ARTIFACT_STORE, EVENT_BUS],
      // The module's own wiring with small models, so the test trains in seconds.
      factory: (prisma: PrismaClient, pool: Pool, store: ArtifactStore): TrainingServices =>
        createTrainingServices({
          prisma,
          pool,
          store,
          events: bus,
          settings: defaultTrainingSettings({ model: { maxRounds: 40, earlyStoppingRounds: 6, subsampleRows: 2000, nthread: 2 }, probability: { minRowsPerBucket: 60 }, minRowsPerSplit: 100 }),
          gate: { minMaeImprovement: config.GATE_MIN_MAE_IMPROVEMENT, autoPromote: config.TRAINER_AUTO_PROMOTE },
          leaseMs: config.TRAINER_LOCK_LEASE_MS,
          defaultBudgetMinutes: 0,
          drift: { maxPsi: config.DRIFT_PSI_THRESHOLD, maxMaeRatio: 1 + config.DRIFT_MAE_TOLERANCE },
        }),
    })
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  installTestHttpPlatform(app, 'trainer');
  await app.init();
  return app;
}

describe('trainer service (HTTP, events, schedules)', () => {
  let db: TestDatabase;
  let root: string;
  let bus: FakeEventBus;
  let app: INestApplication;
  const http = () => request.agent(app.getHttpServer()).set(testAuthHeaders());

  async function waitForRun(runId: string): Promise<{ status: string; modelId: string | null; progress: number; error: string | null }> {
    for (;;) {
      const res = await http().get(`/train/${runId}`).expect(200);
      if (res.body.status === 'SUCCEEDED' || res.body.status === 'FAILED') return res.body;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedFeatureStore(db.pool, simulateLeague({ seed: 4, teams: 8, playersPerTeam: 9, seasons: 2, datesPerSeason: 40 }));
    root = mkdtempSync(join(tmpdir(), 'propcast-trainer-'));
    bus = new FakeEventBus();
    app = await boot(db, root, bus, { TRAINER_SCHEDULER_ENABLED: 'false' });
  });
  afterAll(async () => {
    await app?.close();
    await db.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('POST /train starts a run, refuses a concurrent one for the same stat, and GET /train/:runId follows it', async () => {
    const started = await http()
      .post('/train')
      .send({ stats: ['rebounds'], budget: 0 })
      .expect(202);
    expect(started.body.runs).toEqual([{ runId: expect.any(String), stat: 'REBOUNDS', url: `/train/${started.body.runs[0].runId}` }]);
    const busy = await http()
      .post('/train')
      .send({ stats: ['REBOUNDS'] })
      .expect(409);
    expect(busy.body).toMatchObject({ statusCode: 409, error: 'LOCK_HELD' });
    expect(busy.body.details.refused).toEqual([expect.objectContaining({ stat: 'REBOUNDS', heldByRunId: started.body.runs[0].runId })]);
    const run = await waitForRun(started.body.runs[0].runId);
    expect(run).toMatchObject({ status: 'SUCCEEDED', modelId: 'rebounds-v1', progress: 1 });
    await http()
      .post('/train')
      .send({ stats: ['bogus'] })
      .expect(400);
    await http()
      .post('/train')
      .send({ stats: 'all', window: { from: '2020-01-02', to: '2020-01-01' } })
      .expect(400);
  });

  it('lists models, promotes by hand, rolls back, splits traffic and answers history', async () => {
    const listed = await http().get('/models?stat=rebounds').expect(200);
    expect(listed.body).toEqual([expect.objectContaining({ id: 'rebounds-v1', status: 'PRODUCTION', role: 'PRIMARY' })]);
    const promotedAt = new Date().toISOString();

    const again = await http()
      .post('/train')
      .send({ stats: ['rebounds'], budget: 0 })
      .expect(202);
    expect(await waitForRun(again.body.runs[0].runId)).toMatchObject({ status: 'SUCCEEDED', modelId: 'rebounds-v2' });
    // Same data, same settings: no 0.5% improvement, so the gate keeps it a candidate with the reason.
    const v2 = await http().get('/models/rebounds-v2').expect(200);
    expect(v2.body).toMatchObject({ status: 'CANDIDATE', statusReason: expect.stringMatching(/^gate refused: .*production rebounds-v1/) });

    const namedActor = await http().post('/models/rebounds-v2/promote').send({ reason: 'operator decision', actor: 'someone-else' }).expect(400);
    expect(namedActor.body.message).toMatch(/the actor is the name of the API key.*at actor/s);
    const readOnly = await request(app.getHttpServer()).post('/models/rebounds-v2/promote').set(testAuthHeaders('read')).send({ reason: 'operator decision' }).expect(403);
    expect(readOnly.body).toMatchObject({ statusCode: 403, error: 'FORBIDDEN', message: expect.stringContaining('reader is read-only') });
    await request(app.getHttpServer()).post('/models/rebounds-v2/promote').send({ reason: 'operator decision' }).expect(401);
    // A NUL byte Postgres cannot store is the caller's fault: 422 in the one error body, and nothing changes.
    const nul = await http().post('/models/rebounds-v2/promote').send({ reason: 'operator\u0000decision' }).expect(422);
    expect(nul.body).toMatchObject({ statusCode: 422, error: 'UNSTORABLE_TEXT', requestId: expect.any(String) });
    await http()
      .get('/models/rebounds-v2')
      .expect(200)
      .expect((res) => expect(res.body.status).toBe('CANDIDATE'));
    const promoted = await http().post('/models/rebounds-v2/promote').send({ reason: 'operator decision' }).expect(200);
    expect(promoted.body).toMatchObject({ model: { id: 'rebounds-v2', status: 'PRODUCTION' }, previous: { id: 'rebounds-v1', status: 'ARCHIVED' }, notified: true });
    // The audit actor is the key's name, whatever the request says.
    const events = await http().get('/models/rebounds-v2').expect(200);
    expect(events.body.events).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'promote', actor: 'tester', reason: 'operator decision' })]));
    await http().post('/models/rebounds-v2/promote').send({}).expect(409);

    const rolledBack = await http().post('/models/rollback').send({ stat: 'rebounds', reason: 'regression seen in grading' }).expect(200);
    expect(rolledBack.body).toMatchObject({ restored: { id: 'rebounds-v1' }, rolledBack: { id: 'rebounds-v2', status: 'ARCHIVED' } });
    expect(bus.dataOf('model.promoted').map((d) => d.action)).toEqual(['promote', 'promote', 'rollback']);

    await http().post('/models/rebounds-v2/traffic').send({ role: 'CHALLENGER', weight: 0.25 }).expect(200);
    const serving = await http().get('/models/serving?stat=REBOUNDS').expect(200);
    expect(serving.body).toMatchObject({ primary: { id: 'rebounds-v1', trafficWeight: 0.75 }, challengers: [{ id: 'rebounds-v2', trafficWeight: 0.25 }], shadows: [] });
    await http().post('/models/rebounds-v1/traffic').send({ role: 'SHADOW' }).expect(409);

    const history = await http()
      .get(`/models/history?stat=rebounds&at=${encodeURIComponent(promotedAt)}`)
      .expect(200);
    expect(history.body.serving.primary.id).toBe('rebounds-v1');
    expect(history.body.events.map((e: { action: string }) => e.action)).toEqual(['register', 'promote']);
    await http().get('/models/nope').expect(404);
    await http().post('/models/rollback').send({ stat: 'assists' }).expect(409);
  });

  it('starts runs when retrain.requested arrives', async () => {
    const before = await db.prisma.trainingRun.count({ where: { stat: 'THREES' } });
    await bus.deliver(createEvent('retrain.requested', { stats: ['THREES'], reason: 'psi 0.4 on threes_ema', driftReportId: 'drift-1' }, 'grading'));
    const runs = await db.prisma.trainingRun.findMany({ where: { stat: 'THREES' } });
    expect(runs).toHaveLength(before + 1);
    expect(runs[0]).toMatchObject({ trigger: 'drift', params: expect.objectContaining({ reason: expect.stringContaining('drift report drift-1') }) });
    expect(await waitForRun(runs[0].id)).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('exposes the training metrics', async () => {
    const text = (await http().get('/metrics').expect(200)).text;
    expect(text).toMatch(/propcast_training_runs_total\{[^}]*stat="REBOUNDS",status="SUCCEEDED"\} 2/);
    expect(text).toMatch(/propcast_training_duration_seconds_count\{[^}]*stat="REBOUNDS"/);
  });

  it('reports a failed run another process (a CronJob) recorded, read from training_runs', async () => {
    await db.pool.query(
      `INSERT INTO training_runs (id, stat, status, trigger, params, started_at, finished_at, error) VALUES ('cron-1', 'ASSISTS', 'FAILED', 'schedule', '{}', now(), '2026-11-21 06:00:00', 'boom')`,
    );
    await app.get(TrainingMetricsRefresher).refresh();
    const text = (await http().get('/metrics').expect(200)).text;
    expect(text).toContain(`propcast_training_last_failure_timestamp_seconds{stat="ASSISTS"} ${Date.parse('2026-11-21T06:00:00Z') / 1000}`);
    expect(text).toMatch(/propcast_training_last_success_timestamp_seconds\{stat="REBOUNDS"\} \d+/);
  });

  it('registers the cron jobs only when TRAINER_SCHEDULER_ENABLED is true', async () => {
    expect(app.get(SchedulerRegistry).getCronJobs().size).toBe(0);
    const scheduled = await boot(db, root, new FakeEventBus(), { TRAINER_SCHEDULER_ENABLED: 'true', TRAINER_DRIFT_CHECK_CRON: '0 9 * * 2' });
    try {
      const jobs = scheduled.get(SchedulerRegistry).getCronJobs();
      expect([...jobs.keys()].sort()).toEqual(['training-data-check', 'training-drift-check', 'training-monthly-retrain']);
      expect(jobs.get('training-drift-check')?.cronTime.source).toBe('0 9 * * 2');
    } finally {
      await scheduled.close();
    }
  });
});
