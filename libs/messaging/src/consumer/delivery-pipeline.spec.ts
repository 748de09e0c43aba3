import { createEvent } from '@propcast/contracts';
import type { IdempotencyStore } from '../idempotency/idempotency-store.interface';
import { testLogger } from '../testing/bus-harness';
import { consumedCount, uniqueSuffix } from '../testing/wait-for';
import type { DeadLetter } from './dead-letter';
import { DeliveryPipeline, DeliverySink } from './delivery-pipeline';

class MemoryIdempotency implements IdempotencyStore {
  readonly done = new Set<string>();
  async isProcessed(consumer: string, id: string) {
    return this.done.has(`${consumer}:${id}`);
  }
  async markProcessed(consumer: string, id: string) {
    this.done.add(`${consumer}:${id}`);
  }
}

function recordingSink() {
  const calls: string[] = [];
  const letters: DeadLetter[] = [];
  const sink: DeliverySink = {
    ack: async () => void calls.push('ack'),
    retry: async () => void calls.push('retry'),
    deadLetter: async (letter) => {
      calls.push('deadLetter');
      letters.push(letter);
    },
  };
  return { sink, calls, letters };
}

const event = createEvent('training.completed', { runId: 'r1', stat: 'POINTS', modelId: 'm1', status: 'SUCCEEDED' }, 'trainer');
const payload = Buffer.from(JSON.stringify(event));

describe('DeliveryPipeline', () => {
  let group: string;
  let idempotency: MemoryIdempotency;
  let handler: jest.Mock<Promise<void>, [unknown, unknown]>;
  const pipeline = (maxAttempts = 3) => new DeliveryPipeline({ eventType: 'training.completed', group, handler, maxAttempts, idempotency, logger: testLogger });

  beforeEach(() => {
    group = `g-${uniqueSuffix()}`;
    idempotency = new MemoryIdempotency();
    handler = jest.fn<Promise<void>, [unknown, unknown]>(async () => undefined);
  });

  it('runs the handler, records the id, then acks', async () => {
    const { sink, calls } = recordingSink();
    await expect(pipeline().deliver(payload, { messageId: 'm-1', deliveryAttempt: 1 }, sink)).resolves.toBe('ok');
    expect(handler).toHaveBeenCalledWith(event, { messageId: 'm-1', deliveryAttempt: 1 });
    expect(calls).toEqual(['ack']);
    expect(idempotency.done.has(`${group}:${event.id}`)).toBe(true);
    expect(await consumedCount(group, 'ok')).toBe(1);
  });

  it('acks an already processed id without calling the handler', async () => {
    await idempotency.markProcessed(group, event.id);
    const { sink, calls } = recordingSink();
    await expect(pipeline().deliver(payload, { messageId: 'm-2', deliveryAttempt: 1 }, sink)).resolves.toBe('duplicate');
    expect(handler).not.toHaveBeenCalled();
    expect(calls).toEqual(['ack']);
  });

  it('retries a failed handler below maxAttempts, and does not record the id', async () => {
    handler.mockRejectedValueOnce(new Error('db down'));
    const { sink, calls } = recordingSink();
    await expect(pipeline().deliver(payload, { messageId: 'm-1', deliveryAttempt: 2 }, sink)).resolves.toBe('error');
    expect(calls).toEqual(['retry']);
    expect(idempotency.done.size).toBe(0);
  });

  it('dead-letters on the last attempt with the error and the original bytes', async () => {
    handler.mockRejectedValueOnce(new TypeError('bad row'));
    const { sink, calls, letters } = recordingSink();
    await expect(pipeline(3).deliver(payload, { messageId: 'm-1', deliveryAttempt: 3 }, sink)).resolves.toBe('dead_lettered');
    expect(calls).toEqual(['deadLetter']);
    expect(letters[0]).toMatchObject({
      reason: 'max_attempts',
      error: 'TypeError: bad row',
      eventType: 'training.completed',
      group,
      messageId: 'm-1',
      deliveryAttempt: 3,
    });
    expect(letters[0].payload.equals(payload)).toBe(true);
  });

  it('dead-letters without running the handler when deliveries already exceed maxAttempts (crash loop)', async () => {
    const { sink, letters } = recordingSink();
    await pipeline(3).deliver(payload, { messageId: 'm-1', deliveryAttempt: 4 }, sink);
    expect(handler).not.toHaveBeenCalled();
    expect(letters[0].error).toMatch(/delivered 4 times without being acknowledged/);
  });

  it.each([
    ['invalid JSON', '{oops', /\(root\): invalid JSON/],
    ['an empty message', undefined, /\(root\): /],
    ['a contract violation', JSON.stringify({ ...event, data: { ...event.data, stat: 'STEALS' } }), /data\.stat: /],
    ['another event type', JSON.stringify(createEvent('retrain.requested', { stats: ['PRA'], reason: 'x' }, 't')), /type: expected "training.completed"/],
  ])('dead-letters %s at once', async (_name, raw, error) => {
    const { sink, letters } = recordingSink();
    await expect(pipeline().deliver(raw, { messageId: 'm-1', deliveryAttempt: 1 }, sink)).resolves.toBe('dead_lettered');
    expect(handler).not.toHaveBeenCalled();
    expect(letters[0]).toMatchObject({ reason: 'malformed', deliveryAttempt: 1 });
    expect(letters[0].error).toMatch(error);
  });

  it('turns infrastructure failures into a retry instead of throwing', async () => {
    jest.spyOn(idempotency, 'isProcessed').mockRejectedValueOnce(new Error('redis down'));
    const { sink, calls } = recordingSink();
    await expect(pipeline().deliver(payload, { messageId: 'm-1', deliveryAttempt: 1 }, sink)).resolves.toBe('error');
    expect(calls).toEqual(['retry']);
    const failing = { ...sink, deadLetter: jest.fn().mockRejectedValue(new Error('dlq down')) };
    await expect(pipeline().deliver('{oops', { messageId: 'm-2', deliveryAttempt: 1 }, failing)).resolves.toBe('error');
    expect(calls).toEqual(['retry', 'retry']);
  });

  it('still acks when recording the processed id fails (the handler already succeeded)', async () => {
    jest.spyOn(idempotency, 'markProcessed').mockRejectedValueOnce(new Error('redis down'));
    const { sink, calls } = recordingSink();
    await expect(pipeline().deliver(payload, { messageId: 'm-1', deliveryAttempt: 1 }, sink)).resolves.toBe('ok');
    expect(calls).toEqual(['ack']);
  });
});
