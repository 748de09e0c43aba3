import { createEvent, EventEnvelope, InvalidMessageError } from '@propcast/contracts';
import type { DeliveryContext } from './event-bus.interface';
import { BusDriver, BusHarness, pubSubDriver, redisStreamsDriver } from './testing/bus-harness';
import { consumedCount, waitFor } from './testing/wait-for';

const phase = (rows = 10) => createEvent('phase.completed', { phase: 'features', processor: 'rolling', gameDate: '2024-01-15', featureSetId: 'player-props@v1', rows }, 'feature-store');

type Received = { event: EventEnvelope<'phase.completed'>; ctx: DeliveryContext };

describe.each<BusDriver>([redisStreamsDriver(), pubSubDriver()])('EventBus contract: $name', (driver) => {
  if (driver.skipReason) {
    it.skip(`${driver.name} (${driver.skipReason})`, () => undefined);
    return;
  }
  let h: BusHarness;
  beforeAll(() => driver.start(), 60_000);
  afterAll(() => driver.stop());
  beforeEach(() => {
    h = driver.harness();
  });
  afterEach(() => h.dispose());

  it('delivers a published event to a subscriber with its transport id and attempt 1', async () => {
    const bus = h.bus();
    const received: Received[] = [];
    await bus.subscribe('phase.completed', h.group('coordinator'), async (event, ctx) => void received.push({ event, ctx }));
    const event = phase();
    const messageId = await bus.publish(event);
    await waitFor(() => received.length === 1, 10_000, 'delivery');
    expect(received[0].event).toEqual(event);
    expect(received[0].ctx).toEqual({ messageId, deliveryAttempt: 1 });
  });

  it('gives every consumer group its own copy', async () => {
    const bus = h.bus();
    const groups: string[] = [];
    await bus.subscribe('phase.completed', h.group('group-a'), async () => void groups.push('a'));
    await bus.subscribe('phase.completed', h.group('group-b'), async () => void groups.push('b'));
    await bus.publish(phase());
    await waitFor(() => groups.length === 2, 10_000, 'both groups');
    expect(groups.sort()).toEqual(['a', 'b']);
  });

  it('rejects publishing an event that breaks its contract', async () => {
    const bus = h.bus();
    const bad = { ...phase(), data: { phase: 'features' } } as unknown as EventEnvelope;
    await expect(bus.publish(bad)).rejects.toBeInstanceOf(InvalidMessageError);
  });

  it('redelivers after a handler failure, with a higher deliveryAttempt', async () => {
    const bus = h.bus();
    const attempts: number[] = [];
    await bus.subscribe('phase.completed', h.group('flaky'), async (_event, ctx) => {
      attempts.push(ctx.deliveryAttempt);
      if (attempts.length === 1) throw new Error('transient');
    });
    await bus.publish(phase());
    await waitFor(() => attempts.length === 2, 10_000, 'redelivery');
    expect(attempts).toEqual([1, 2]);
    await waitFor(async () => (await consumedCount(h.group('flaky'), 'ok')) === 1, 5_000, 'ok metric');
    expect(await consumedCount(h.group('flaky'), 'error')).toBe(1);
  });

  it('survives a consumer crash: an unacked message goes to another consumer of the group', async () => {
    const consumerA = h.bus();
    let startedOnA = false;
    await consumerA.subscribe('phase.completed', h.group('crashy'), () => {
      startedOnA = true;
      return new Promise<void>(() => undefined); // never acks
    });
    const event = phase();
    await consumerA.publish(event);
    await waitFor(() => startedOnA, 10_000, 'consumer A to take the message');
    await consumerA.close(); // gives up on the hung handler after drainTimeoutMs and drops the connection: no ack

    const consumerB = h.bus();
    const received: Received[] = [];
    await consumerB.subscribe('phase.completed', h.group('crashy'), async (e, ctx) => void received.push({ event: e, ctx }));
    await waitFor(() => received.length === 1, 10_000, 'redelivery to consumer B');
    expect(received[0].event.id).toBe(event.id);
    expect(received[0].ctx.deliveryAttempt).toBeGreaterThanOrEqual(2);
  });

  it('dead-letters a poison message after maxAttempts with its error and keeps consuming', async () => {
    const bus = h.bus();
    const poison = phase(666);
    const handled: number[] = [];
    const attempts: number[] = [];
    await bus.subscribe('phase.completed', h.group('poisoned'), async (event, ctx) => {
      if (event.id === poison.id) {
        attempts.push(ctx.deliveryAttempt);
        throw new Error('cannot compute rolling averages');
      }
      handled.push(event.data.rows);
    });
    await bus.publish(poison);
    await bus.publish(phase(1));
    await bus.publish(phase(2));

    const [letter] = await waitFor(
      async () => {
        const letters = await h.deadLetters('phase.completed');
        return letters.length > 0 && letters;
      },
      15_000,
      'dead letter',
    );
    expect(letter).toMatchObject({
      reason: 'max_attempts',
      error: 'Error: cannot compute rolling averages',
      group: h.group('poisoned'),
      deliveryAttempt: 3,
    });
    expect(JSON.parse(letter.payload)).toEqual(poison);
    expect(attempts).toEqual([1, 2, 3]);
    await waitFor(() => handled.length === 2, 5_000, 'later messages');
    expect(handled.sort()).toEqual([1, 2]);
    // The dead letter is visible before the consumer counts it: wait for the count, then check it is exactly one.
    await waitFor(async () => (await consumedCount(h.group('poisoned'), 'dead_lettered')) >= 1, 5_000, 'dead_lettered metric');
    expect(await consumedCount(h.group('poisoned'), 'dead_lettered')).toBe(1);
  });

  it('dead-letters malformed messages at once with the validation error, without blocking later ones', async () => {
    const bus = h.bus();
    const handled: string[] = [];
    await bus.subscribe('phase.completed', h.group('strict'), async (event) => void handled.push(event.id));
    await h.publishRaw('phase.completed', '{"not": json');
    await h.publishRaw('phase.completed', JSON.stringify({ ...phase(), data: { phase: 'features', rows: -1 } }));
    const good = phase();
    await bus.publish(good);

    const letters = await waitFor(
      async () => {
        const all = await h.deadLetters('phase.completed');
        return all.length === 2 && all;
      },
      10_000,
      'two dead letters',
    );
    const byPayload = new Map(letters.map((l) => [l.payload.startsWith('{"not"') ? 'json' : 'contract', l]));
    expect(byPayload.get('json')).toMatchObject({ reason: 'malformed', deliveryAttempt: 1, payload: '{"not": json' });
    expect(byPayload.get('json')?.error).toMatch(/\(root\): invalid JSON/);
    expect(byPayload.get('contract')).toMatchObject({ reason: 'malformed', deliveryAttempt: 1 });
    expect(byPayload.get('contract')?.error).toMatch(/data\.processor: .*data\.rows: /);
    await waitFor(() => handled.length === 1, 5_000, 'the valid message');
    expect(handled).toEqual([good.id]);
  });

  it('invokes the handler once when the same event id is delivered twice', async () => {
    const bus = h.bus();
    const calls: string[] = [];
    await bus.subscribe('phase.completed', h.group('dedup'), async (event) => void calls.push(event.id));
    const event = phase();
    const first = await bus.publish(event);
    const second = await bus.publish(event);
    expect(second).not.toBe(first);
    await waitFor(async () => (await consumedCount(h.group('dedup'), 'duplicate')) === 1, 10_000, 'duplicate outcome');
    expect(calls).toEqual([event.id]);
    expect(await consumedCount(h.group('dedup'), 'ok')).toBe(1);
  });
});
