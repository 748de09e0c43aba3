/**
 * Pub/Sub transport against the emulator: a real push subscription delivers phase.completed to the coordinator's
 * POST /pubsub/push, the batch starts once every processor reported, and predictions.ready goes out on Pub/Sub.
 * Skipped (with the reason in its title) where the gcloud CLI is not installed.
 */
import { randomBytes } from 'node:crypto';
import { createEvent, type EventEnvelope } from '@propcast/contracts';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { PubSubEventBus } from '@propcast/messaging';
import { hasGcloud, startPubSubEmulator, startService, waitFor, type PubSubEmulator, type RunningProcess } from '../testing/processes';
import { seedSlate } from '../testing/seed-slate';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const GAME_DATE = '2025-02-10';
const describeWithEmulator = hasGcloud() ? describe : describe.skip;
const title = hasGcloud() ? 'Pub/Sub push triggers' : 'Pub/Sub push triggers (skipped: `gcloud` not found; install the Google Cloud CLI with the Pub/Sub emulator)';

describeWithEmulator(title, () => {
  let db: TestDatabase;
  let emulator: PubSubEmulator;
  let bus: PubSubEventBus;
  let coordinator: RunningProcess & { url: string };
  let guarded: RunningProcess & { url: string };
  let worker: RunningProcess & { url: string };
  const ready: EventEnvelope<'predictions.ready'>[] = [];
  const suffix = randomBytes(4).toString('hex');

  beforeAll(async () => {
    [db, emulator] = await Promise.all([createTestDatabase(), startPubSubEmulator('propcast-test', 60_000)]);
    await seedSlate(db.pool, { gameDate: GAME_DATE, players: 20, books: ['dk'], reportedProcessors: [] }); // the pushes report them
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL,
      EVENT_TRANSPORT: 'pubsub',
      PUBSUB_PROJECT_ID: emulator.projectId,
      PUBSUB_EMULATOR_HOST: emulator.host,
      EVENT_TOPIC_PREFIX: `push-${suffix}.`,
      QUEUE_PREFIX: `push-${suffix}`,
      FEATURE_CACHE_KEY_PREFIX: `push-${suffix}:`,
    };
    bus = new PubSubEventBus({ transport: 'pubsub', projectId: emulator.projectId, emulatorHost: emulator.host, redisUrl: REDIS_URL, topicPrefix: env.EVENT_TOPIC_PREFIX });
    await bus.subscribe('predictions.ready', `test-${suffix}`, async (event) => {
      ready.push(event);
    });
    [coordinator, guarded, worker] = await Promise.all([
      startService('prediction-coordinator', env),
      startService('prediction-coordinator', { ...env, QUEUE_PREFIX: `push-guarded-${suffix}`, PUSH_AUDIENCE: 'https://coordinator.example/pubsub/push' }),
      startService('prediction-worker', env),
    ]);
    await bus.ensurePushSubscription('phase.completed', 'prediction-coordinator', { endpoint: `${coordinator.url}/pubsub/push` });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([coordinator?.stop(), guarded?.stop(), worker?.stop()]);
    await bus?.close();
    await emulator?.stop();
    await db?.drop();
  });

  const phaseCompleted = (processor: string) => createEvent('phase.completed', { phase: 'features', processor, gameDate: GAME_DATE, featureSetId: 'player-props@v1', rows: 20 }, 'feature-store');

  it('records pushed triggers, starts one batch when all processors reported, and publishes predictions.ready', async () => {
    await bus.publish(phaseCompleted('team-defense'));
    await bus.publish(phaseCompleted('player-form'));
    await waitFor(async () => (await db.pool.query('SELECT 1 FROM trigger_records')).rowCount === 2, 30_000, 'two recorded triggers');
    expect((await db.pool.query('SELECT 1 FROM prediction_batches')).rowCount).toBe(0);
    const last = phaseCompleted('player-context');
    await Promise.all([bus.publish(last), bus.publish(last), bus.publish(phaseCompleted('player-context'))]);

    await waitFor(() => ready.length > 0, 60_000, 'predictions.ready on Pub/Sub');
    const batches = await db.pool.query('SELECT id, trigger, requested, failed, state FROM prediction_batches');
    expect(batches.rows).toHaveLength(1);
    expect(batches.rows[0]).toMatchObject({ trigger: 'pubsub', requested: 100, failed: 100, state: 'FAILED' });
    expect(ready[0].data).toMatchObject({ gameDate: GAME_DATE, batchId: batches.rows[0].id, counts: { requested: 100, completed: 0, failed: 100 } });
    const records = await db.pool.query('SELECT processor, message_id FROM trigger_records ORDER BY processor');
    expect(records.rows.map((r) => r.processor)).toEqual(['player-context', 'player-form', 'team-defense']);
  }, 90_000);

  it('answers push requests without a bearer token with 401 when an audience is configured, and malformed envelopes with 400', async () => {
    const envelope = { message: { data: Buffer.from(JSON.stringify(phaseCompleted('team-defense'))).toString('base64'), messageId: '1', attributes: {} }, subscription: 'x' };
    const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${url}/pubsub/push`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    expect((await post(guarded.url, envelope)).status).toBe(401);
    expect((await post(coordinator.url, { nothing: 'here' })).status).toBe(400);
    expect((await fetch(`${coordinator.url}/status?gameDate=${GAME_DATE}`)).status).toBe(401);
  });
});
