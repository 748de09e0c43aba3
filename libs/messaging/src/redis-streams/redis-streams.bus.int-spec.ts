import { createEvent } from '@propcast/contracts';
import { setTimeout as sleep } from 'node:timers/promises';
import { redisStreamsDriver, RedisStreamsHarness } from '../testing/bus-harness';
import { waitFor } from '../testing/wait-for';

const ingested = (inserted = 1) => createEvent('ingestion.completed', { gameDate: '2024-01-15', batchId: 'b-1', kind: 'BOX_SCORES', counts: { inserted, updated: 0, unchanged: 0 } }, 'ingestion');

/** Consumer names registered in a group. */
async function consumers(h: RedisStreamsHarness, stream: string, group: string): Promise<string[]> {
  const rows = (await h.redis.xinfo('CONSUMERS', stream, group)) as unknown[][];
  return rows.map((row) => String(row[1]));
}

describe('RedisStreamsEventBus specifics', () => {
  let h: RedisStreamsHarness;
  beforeEach(() => {
    h = redisStreamsDriver().harness();
  });
  afterEach(() => h.dispose());

  it('keeps streams bounded with MAXLEN ~', async () => {
    const bus = h.bus({ maxLen: 10 });
    for (let i = 0; i < 300; i++) await bus.publish(ingested(i));
    expect(await h.redis.xlen(bus.streamFor('ingestion.completed'))).toBeLessThan(200);
  });

  it('heartbeats a slow handler so its message is not handed to another consumer', async () => {
    const group = h.group('slow');
    const calls: number[] = [];
    const handler = async (_e: unknown, ctx: { deliveryAttempt: number }) => {
      calls.push(ctx.deliveryAttempt);
      await sleep(1000); // > 3 × the visibility timeout
    };
    const a = h.bus({ visibilityTimeoutMs: 300 });
    const b = h.bus({ visibilityTimeoutMs: 300 });
    await a.subscribe('ingestion.completed', group, handler);
    await b.subscribe('ingestion.completed', group, handler);
    await a.publish(ingested());
    await waitFor(() => calls.length === 1, 5_000, 'first delivery');
    await sleep(1300);
    expect(calls).toEqual([1]);
  });

  it('closes promptly while blocked in XREADGROUP and removes its idle consumer from the group', async () => {
    const bus = h.bus({ blockMs: 10_000, visibilityTimeoutMs: 60_000 });
    const group = h.group('idle');
    let handled = 0;
    await bus.subscribe('ingestion.completed', group, async () => void handled++);
    await bus.publish(ingested()); // Redis registers a consumer when it first serves it an entry
    await waitFor(() => handled === 1, 5_000, 'delivery');
    const stream = bus.streamFor('ingestion.completed');
    expect(await consumers(h, stream, group)).toHaveLength(1);
    await sleep(100); // blocked again
    const started = Date.now();
    await bus.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await consumers(h, stream, group)).toEqual([]);
  });

  it('keeps a consumer that still owns pending entries, so they stay claimable', async () => {
    const bus = h.bus();
    const group = h.group('hung');
    let started = false;
    await bus.subscribe('ingestion.completed', group, () => {
      started = true;
      return new Promise<void>(() => undefined);
    });
    await bus.publish(ingested());
    await waitFor(() => started, 5_000, 'handler start');
    await bus.close();
    const stream = bus.streamFor('ingestion.completed');
    expect(await consumers(h, stream, group)).toHaveLength(1);
    expect(await h.redis.xpending(stream, group)).toEqual([1, expect.any(String), expect.any(String), expect.any(Array)]);
  });

  it('dead-letters an entry without an event field', async () => {
    const bus = h.bus();
    await bus.subscribe('ingestion.completed', h.group('odd'), async () => undefined);
    await h.redis.xadd(bus.streamFor('ingestion.completed'), '*', 'something', 'else');
    const [letter] = await waitFor(
      async () => {
        const letters = await h.deadLetters('ingestion.completed');
        return letters.length > 0 && letters;
      },
      5_000,
      'dead letter',
    );
    expect(letter).toMatchObject({ reason: 'malformed', payload: '', deliveryAttempt: 1 });
  });

  it('recreates its group when the stream is deleted under it', async () => {
    const bus = h.bus();
    const received: number[] = [];
    await bus.subscribe('ingestion.completed', h.group('phoenix'), async (e) => void received.push(e.data.counts.inserted));
    await bus.publish(ingested(1));
    await waitFor(() => received.length === 1, 5_000, 'first event');
    await h.redis.del(bus.streamFor('ingestion.completed'));
    await waitFor(
      async () => {
        await bus.publish(ingested(2));
        return received.includes(2);
      },
      5_000,
      'delivery after the stream was deleted',
    );
  });
});
