import { createEventBus } from './create-event-bus';
import { MessagingConfigError } from './errors';
import { PubSubEventBus } from './pubsub/pubsub.bus';
import { RedisStreamsEventBus } from './redis-streams/redis-streams.bus';
import { testLogger } from './testing/bus-harness';

describe('createEventBus', () => {
  it('builds the configured transport', async () => {
    const redis = createEventBus({ transport: 'redis-streams', logger: testLogger });
    const pubsub = createEventBus({ transport: 'pubsub', projectId: 'p', idempotency: false, emulatorHost: '127.0.0.1:1' });
    expect(redis).toBeInstanceOf(RedisStreamsEventBus);
    expect(pubsub).toBeInstanceOf(PubSubEventBus);
    expect(pubsub.subscriptionFor('phase.completed', 'coordinator')).toBe('propcast.phase.completed.coordinator');
    await Promise.all([redis.close(), pubsub.close()]);
  });

  it.each([
    ['an unknown transport', { transport: 'kafka' }, /unknown transport "kafka"/],
    ['pubsub without a project', { transport: 'pubsub', projectId: undefined }, /needs a projectId/],
    ['a non-positive maxAttempts', { transport: 'pubsub', projectId: 'p', maxAttempts: 0, idempotency: false }, /maxAttempts must be a positive integer/],
  ])('rejects %s with MessagingConfigError', (_name, config, message) => {
    const saved = { ...process.env };
    delete process.env.GOOGLE_CLOUD_PROJECT;
    delete process.env.PUBSUB_PROJECT_ID;
    try {
      expect(() => createEventBus(config as never)).toThrow(MessagingConfigError);
      expect(() => createEventBus(config as never)).toThrow(message);
    } finally {
      process.env = saved;
    }
  });

  it('rejects subscribing with an invalid group and using a closed bus', async () => {
    const bus = createEventBus({ transport: 'redis-streams', logger: testLogger });
    await expect(bus.subscribe('phase.completed', 'bad group!', async () => undefined)).rejects.toThrow(MessagingConfigError);
    await bus.close();
    await expect(bus.subscribe('phase.completed', 'g', async () => undefined)).rejects.toThrow('the event bus is closed');
  });
});
