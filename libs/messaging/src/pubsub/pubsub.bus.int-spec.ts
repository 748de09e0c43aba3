import { createEvent, EventEnvelope } from '@propcast/contracts';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DeliveryContext } from '../event-bus.interface';
import { pubSubDriver, PubSubHarness } from '../testing/bus-harness';
import { describeIfPubSub } from '../testing/pubsub-emulator';
import { consumedCount, waitFor } from '../testing/wait-for';
import type { PushHandler, PushResult } from './push-envelope';

const ready = (completed = 10) => createEvent('predictions.ready', { gameDate: '2024-01-15', batchId: 'pb-1', counts: { requested: 10, completed, failed: 0 } }, 'prediction-coordinator');

/** A local HTTP endpoint feeding POST /push bodies to `handler`, recording the answers. */
async function pushServer(handler: () => PushHandler): Promise<{ url: string; answers: PushResult[]; server: Server }> {
  const answers: PushResult[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void handler()(Buffer.concat(chunks), req.headers).then((result) => {
        answers.push(result);
        res.writeHead(result.status).end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/push`, answers, server };
}

describeIfPubSub('PubSubEventBus on the emulator', () => {
  const driver = pubSubDriver();
  let h: PubSubHarness;
  let server: Server | undefined;
  beforeAll(() => driver.start(), 60_000);
  afterAll(() => driver.stop());
  beforeEach(() => {
    h = driver.harness();
  });
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
    await h.dispose();
  });

  it('creates the subscription with a dead-letter policy on <topic>.dlq', async () => {
    const bus = h.bus({ maxAttempts: 7 });
    const group = h.group('policy');
    await bus.subscribe('predictions.ready', group, async () => undefined);
    const [metadata] = await h.client.subscription(bus.subscriptionFor('predictions.ready', group)).getMetadata();
    expect(metadata.deadLetterPolicy).toEqual({
      deadLetterTopic: `projects/propcast-test/topics/${bus.topicFor('predictions.ready')}.dlq`,
      maxDeliveryAttempts: 8,
    });
  });

  it('delivers through a real push subscription to an HTTP endpoint (fail → 500 → redelivered → 204)', async () => {
    const bus = h.bus();
    const group = h.group('pushed');
    const received: { event: EventEnvelope<'predictions.ready'>; ctx: DeliveryContext }[] = [];
    const push = pushServer(() =>
      bus.createPushHandler('predictions.ready', group, async (event, ctx) => {
        received.push({ event, ctx });
        if (received.length === 1) throw new Error('transient');
      }),
    );
    const endpoint = await push;
    server = endpoint.server;
    await bus.ensurePushSubscription('predictions.ready', group, { endpoint: endpoint.url });
    const event = ready();
    const messageId = await bus.publish(event);

    await waitFor(() => endpoint.answers.length === 2, 15_000, 'two push deliveries');
    expect(endpoint.answers.map((a) => a.status)).toEqual([500, 204]);
    expect(received.map((r) => r.event)).toEqual([event, event]);
    // The emulator leaves `deliveryAttempt` out of push bodies (Pub/Sub sends it with a dead-letter policy; see the unit tests).
    expect(received.map((r) => r.ctx.messageId)).toEqual([messageId, messageId]);
    expect(await consumedCount(group, 'ok')).toBe(1);
  });

  it('acknowledges (204) a malformed pushed message after dead-lettering it, and keeps delivering', async () => {
    const bus = h.bus();
    const group = h.group('pushed-bad');
    const handled: string[] = [];
    const endpoint = await pushServer(() => bus.createPushHandler('predictions.ready', group, async (e) => void handled.push(e.id)));
    server = endpoint.server;
    await bus.ensurePushSubscription('predictions.ready', group, { endpoint: endpoint.url });
    await h.publishRaw('predictions.ready', JSON.stringify({ ...ready(), data: { gameDate: '2024-13-45' } }));
    const good = ready(9);
    await bus.publish(good);

    const [letter] = await waitFor(
      async () => {
        const letters = await h.deadLetters('predictions.ready');
        return letters.length > 0 && letters;
      },
      10_000,
      'dead letter',
    );
    expect(letter).toMatchObject({ reason: 'malformed', group, deliveryAttempt: 1 });
    expect(letter.error).toMatch(/data\.gameDate: .*data\.batchId: /);
    await waitFor(() => handled.length === 1, 10_000, 'the valid message');
    expect(handled).toEqual([good.id]);
    expect(endpoint.answers.map((a) => a.status)).toEqual([204, 204]);
  });

  it('rejects real pushes without a token (401) when an audience is configured: the emulator does not sign requests', async () => {
    const bus = h.bus();
    const group = h.group('pushed-auth');
    const handler = jest.fn(async () => undefined);
    const endpoint = await pushServer(() => bus.createPushHandler('predictions.ready', group, handler, { auth: { audience: 'https://coordinator.test/push' } }));
    server = endpoint.server;
    await bus.ensurePushSubscription('predictions.ready', group, { endpoint: endpoint.url });
    await bus.publish(ready());
    await waitFor(() => endpoint.answers.length > 0, 10_000, 'a push');
    expect(endpoint.answers[0]).toEqual({ status: 401, error: 'missing bearer token' });
    expect(handler).not.toHaveBeenCalled();
  });
});
