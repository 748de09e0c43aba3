import { randomBytes } from 'node:crypto';
import type { PredictionJob } from '@propcast/contracts';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { Worker, type Queue } from 'bullmq';
import { withPgTransaction } from '@propcast/db';
import { BatchRepository } from '../batches/batch.repository';
import type { JobResultOutcome } from '../batches/batch.types';
import { FeaturesNotReadyError, JobNotFoundError, NothingToPredictError } from '../errors';
import { bullConnection, openPredictionQueue } from '../queue/prediction-queue';
import { coordinatorUseCases, PROCESSORS } from '../testing/coordinator-use-cases';
import { RecordingBus } from '../testing/recording-bus';
import { waitFor } from '../testing/processes';
import { seedSlate } from '../testing/seed-slate';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

let db: TestDatabase;
let queue: Queue<PredictionJob>;
let bus: RecordingBus;
let uc: ReturnType<typeof coordinatorUseCases>;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});
beforeEach(async () => {
  await db.pool.query('TRUNCATE predictions, prediction_jobs, prediction_batches, trigger_records, prop_lines, feature_rows, games CASCADE');
  queue = openPredictionQueue({ redisUrl: REDIS_URL, prefix: `t-${randomBytes(4).toString('hex')}` });
  bus = new RecordingBus();
  uc = coordinatorUseCases(db.pool, queue, bus, { jobSize: 50 });
});
afterEach(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
});

/**
 * Records a job as the worker does (PredictJobUseCase: the result saved under the job row lock, a DONE job skipped),
 * then finishes its batch as the coordinator does on the queue's completed event.
 */
async function completeJob(job: PredictionJob, failed = 0): Promise<JobResultOutcome> {
  const batches = new BatchRepository();
  const outcome = await withPgTransaction(db.pool, async (client): Promise<JobResultOutcome> => {
    const before = await batches.lockJob(client, job.jobId);
    if (!before) throw new JobNotFoundError(job.jobId);
    if (before.state === 'DONE') return { recorded: false, batchId: before.batchId, reason: 'already_done' };
    const failures: Record<string, number> = failed ? { 'no production model for POINTS': failed } : {};
    await batches.saveJobResult(client, before, { jobId: job.jobId, state: 'DONE', attempts: 1, succeeded: job.requests.length - failed, failed, failures });
    return { recorded: true, batchId: before.batchId };
  });
  await uc.finish.execute({ batchId: outcome.batchId });
  return outcome;
}

describe('start and fan-out', () => {
  it('cuts the slate into deterministic jobs, stores and enqueues them, and returns the same batch for the date', async () => {
    const slate = await seedSlate(db.pool, { gameDate: '2025-01-10', players: 40, books: ['dk', 'fd'], statsWithLines: ['POINTS', 'ASSISTS'] });
    const { batch, created } = await uc.start.execute({ gameDate: '2025-01-10', trigger: 'manual' });
    expect(created).toBe(true);
    expect(batch).toMatchObject({ attempt: 0, state: 'RUNNING', requested: slate.requests, stats: ['POINTS', 'REBOUNDS', 'ASSISTS', 'THREES', 'PRA'] });
    expect(slate.requests).toBe(40 * (2 + 1 + 2 + 1 + 1));
    const jobs = await db.pool.query<{ id: string; request_count: number }>('SELECT id, request_count FROM prediction_jobs WHERE batch_id = $1 ORDER BY id', [batch.id]);
    expect(jobs.rows.reduce((n, j) => n + j.request_count, 0)).toBe(slate.requests);
    expect(jobs.rows.map((j) => j.id)).toContain(`${batch.id}.POINTS.0001`);
    expect(await queue.count()).toBe(jobs.rows.length);
    expect((await queue.getJob(`${batch.id}.ASSISTS.0000`))?.data.requests[0]).toMatchObject({ playerId: 1000, book: 'dk', capturedAt: expect.any(String) });

    const again = await uc.start.execute({ gameDate: '2025-01-10', stats: ['POINTS'], trigger: 'manual' });
    expect(again).toMatchObject({ created: false, batch: { id: batch.id } });
    expect(await queue.count()).toBe(jobs.rows.length);

    const forced = await uc.start.execute({ gameDate: '2025-01-10', stats: ['POINTS'], playerIds: [1001, 1000], force: true, trigger: 'manual' });
    expect(forced).toMatchObject({ created: true, batch: { attempt: 1, requested: 4, stats: ['POINTS'], playerIds: [1000, 1001] } });
    expect((await uc.start.execute({ gameDate: '2025-01-10', trigger: 'manual' })).batch.id).toBe(forced.batch.id);
  });

  it('an early /start is refused: a date without games, or whose processors have not all reported, makes no batch', async () => {
    await expect(uc.start.execute({ gameDate: '2025-02-01', trigger: 'manual' })).rejects.toBeInstanceOf(NothingToPredictError);
    await seedSlate(db.pool, { gameDate: '2025-02-02', players: 5, books: [], reportedProcessors: ['team-defense'] });
    const early = uc.start.execute({ gameDate: '2025-02-02', trigger: 'manual' });
    await expect(early).rejects.toBeInstanceOf(FeaturesNotReadyError);
    await expect(early).rejects.toMatchObject({ missing: ['player-form', 'player-context'] });
    expect((await db.pool.query(`SELECT id FROM prediction_batches WHERE game_date IN ('2025-02-01', '2025-02-02')`)).rows).toEqual([]);
    expect(bus.published).toEqual([]);
    // The real trigger still starts the date.
    await uc.trigger.execute({ gameDate: '2025-02-02', processor: 'player-form', messageId: 'e1', transport: 'stream' });
    expect(await uc.trigger.execute({ gameDate: '2025-02-02', processor: 'player-context', messageId: 'e2', transport: 'stream' })).toMatchObject({ outcome: 'started', batch: { state: 'RUNNING' } });
  });
});

describe('triggers', () => {
  it('all_complete: starts once every processor reported; three deliveries of the last one racing /start make one batch', async () => {
    await seedSlate(db.pool, { gameDate: '2025-01-11', players: 20, books: ['dk'], reportedProcessors: [] });
    const deliver = (processor: string, id: string) => uc.trigger.execute({ gameDate: '2025-01-11', processor, messageId: id, transport: 'stream' });
    expect(await deliver('team-defense', 'm1')).toMatchObject({ outcome: 'recorded', missing: ['player-form', 'player-context'] });
    expect(await deliver('player-form', 'm2')).toMatchObject({ outcome: 'recorded', missing: ['player-context'] });
    expect(await deliver('unknown-processor', 'm3')).toMatchObject({ outcome: 'ignored' });
    const results = await Promise.all([
      deliver('player-context', 'm4'),
      deliver('player-context', 'm4'),
      deliver('player-context', 'm4'),
      // A racing /start either sees every report (and joins the batch) or is refused as early; it never makes a second batch.
      uc.start.execute({ gameDate: '2025-01-11', trigger: 'manual' }).catch((e: unknown) => {
        if (e instanceof FeaturesNotReadyError) return null;
        throw e;
      }),
    ]);
    const batchIds = new Set(results.filter((r) => r !== null).map((r) => ('outcome' in r ? r.batch?.id : r.batch.id)));
    expect(batchIds.size).toBe(1);
    const rows = await db.pool.query('SELECT id, trigger, state FROM prediction_batches');
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0].state).toBe('RUNNING');
    expect((await db.pool.query('SELECT processor FROM trigger_records ORDER BY processor')).rows.map((r) => r.processor)).toEqual([...PROCESSORS].sort());
    expect(await deliver('team-defense', 'late')).toMatchObject({ outcome: 'started', batch: { id: [...batchIds][0] } });
    expect((await db.pool.query('SELECT count(*)::int AS n FROM prediction_batches')).rows[0].n).toBe(1);
  });

  it('any starts on the first report; manual only records', async () => {
    await seedSlate(db.pool, { gameDate: '2025-01-12', players: 5, books: [], gameSerial: 12 });
    await seedSlate(db.pool, { gameDate: '2025-01-13', players: 5, books: [], gameSerial: 13 });
    const any = coordinatorUseCases(db.pool, queue, bus, { mode: 'any' });
    expect(await any.trigger.execute({ gameDate: '2025-01-12', processor: 'player-form', messageId: 'a', transport: 'pubsub' })).toMatchObject({ outcome: 'started' });
    const manual = coordinatorUseCases(db.pool, queue, bus, { mode: 'manual' });
    for (const processor of PROCESSORS) {
      expect(await manual.trigger.execute({ gameDate: '2025-01-13', processor, messageId: processor, transport: 'pubsub' })).toMatchObject({ outcome: 'recorded' });
    }
    expect(await manual.trigger.execute({ gameDate: '2025-01-13', processor: 'player-form', messageId: 'again', transport: 'pubsub' })).toEqual({ outcome: 'recorded', missing: [], batch: null });
    expect((await db.pool.query(`SELECT to_char(game_date, 'YYYY-MM-DD') AS d, trigger FROM prediction_batches`)).rows).toEqual([{ d: '2025-01-12', trigger: 'pubsub' }]);
  });
});

describe('progress and completion', () => {
  it('counts each job once, reports failures with reasons and publishes predictions.ready exactly once', async () => {
    await seedSlate(db.pool, { gameDate: '2025-01-14', players: 30, books: ['dk'] });
    const { batch } = await uc.start.execute({ gameDate: '2025-01-14', stats: ['POINTS', 'REBOUNDS'], trigger: 'manual' });
    const jobs = (await queue.getJobs(['waiting'])).map((j) => j.data).sort((a, b) => a.jobId.localeCompare(b.jobId));
    expect(jobs).toHaveLength(2);
    const [points, rebounds] = jobs;
    expect(await completeJob(points, 3)).toEqual({ recorded: true, batchId: batch.id });
    expect(await completeJob(points, 3)).toEqual({ recorded: false, batchId: batch.id, reason: 'already_done' });
    let status = await uc.status.execute({ batchId: batch.id });
    expect(status).toMatchObject({ state: 'RUNNING', requested: 60, completed: 27, failed: 3, progressPercent: 50 });
    expect(status.failures).toEqual([{ stat: 'POINTS', reason: 'no production model for POINTS', count: 3 }]);
    expect(bus.published).toHaveLength(0);

    bus.failNext = 1;
    await expect(completeJob(rebounds)).rejects.toThrow('bus unavailable');
    expect((await uc.status.execute({ batchId: batch.id })).readyPublishedAt).toBeNull();
    const results = await Promise.all([uc.finish.execute({ batchId: batch.id }), uc.finish.execute({ batchId: batch.id }), uc.recover.execute()]);
    expect(results.filter((r) => r.published === true || Number(r.published) > 0)).toHaveLength(1);
    expect(bus.published).toHaveLength(1);
    expect(bus.published[0]).toMatchObject({ type: 'predictions.ready', data: { batchId: batch.id, state: 'COMPLETED_WITH_FAILURES', counts: { requested: 60, completed: 57, failed: 3 } } });
    status = await uc.status.execute({ gameDate: '2025-01-14' });
    expect(status).toMatchObject({ batchId: batch.id, state: 'COMPLETED_WITH_FAILURES', progressPercent: 100, finishedAt: expect.any(String), readyPublishedAt: expect.any(String) });
    expect(status.perStat).toEqual([
      { stat: 'POINTS', requested: 30, completed: 27, failed: 3, jobs: 1, jobsQueued: 0 },
      { stat: 'REBOUNDS', requested: 30, completed: 30, failed: 0, jobs: 1, jobsQueued: 0 },
    ]);
  });

  it('records a job that failed past its attempts on the batch, with the reason', async () => {
    await seedSlate(db.pool, { gameDate: '2025-01-15', players: 10, books: [] });
    const { batch } = await uc.start.execute({ gameDate: '2025-01-15', stats: ['THREES'], trigger: 'manual' });
    await uc.recordJobFailure.execute({ jobId: `${batch.id}.THREES.0000`, attempts: 5, reason: 'connection terminated' });
    const status = await uc.status.execute({ batchId: batch.id });
    expect(status).toMatchObject({ state: 'FAILED', failed: 10, completed: 0 });
    expect(status.failures).toEqual([{ stat: 'THREES', reason: 'job failed after 5 attempt(s): connection terminated', count: 10 }]);
  });
});

describe('stall recovery', () => {
  it('marks a batch without progress stalled, re-enqueues the jobs the queue lost, and revives it on progress', async () => {
    await seedSlate(db.pool, { gameDate: '2025-01-16', players: 120, books: [] });
    const { batch } = await uc.start.execute({ gameDate: '2025-01-16', stats: ['POINTS'], trigger: 'manual' });
    const jobs = (await queue.getJobs(['waiting'])).map((j) => j.data);
    expect(jobs).toHaveLength(3);
    await completeJob(jobs.find((j) => j.jobId.endsWith('.0000')) as PredictionJob);
    await queue.obliterate({ force: true });
    const failedJob = `${batch.id}.POINTS.0002`;
    await queue.add('POINTS', jobs.find((j) => j.jobId === failedJob) as PredictionJob, { jobId: failedJob, attempts: 1 });
    const failing = new Worker(
      queue.name,
      async () => {
        throw new Error('boom');
      },
      { connection: bullConnection(REDIS_URL), prefix: queue.opts.prefix },
    );
    await waitFor(async () => (await queue.getJobState(failedJob)) === 'failed', 5000, 'the job to fail');
    await failing.close();

    const stalling = coordinatorUseCases(db.pool, queue, bus, { stallTimeoutMs: 1 });
    await new Promise((r) => setTimeout(r, 20));
    expect(await stalling.recover.execute()).toMatchObject({ newlyStalled: 1, reenqueued: 1, failedJobsRecorded: 1 });
    // Recording the job the queue failed is progress: the stalled batch is RUNNING again.
    expect((await stalling.status.execute({ batchId: batch.id })).state).toBe('RUNNING');
    expect(await queue.getJobState(`${batch.id}.POINTS.0001`)).toBe('waiting');
    await completeJob(jobs.find((j) => j.jobId.endsWith('.0001')) as PredictionJob);
    const status = await stalling.status.execute({ batchId: batch.id });
    expect(status).toMatchObject({ state: 'COMPLETED_WITH_FAILURES', requested: 120, completed: 100, failed: 20 });
    expect(status.failures[0].reason).toMatch(/^job failed after \d attempt\(s\): boom$/);
  });
});
