import { busConfigFromEnv } from './bus-config-from-env';

const env = { EVENT_TRANSPORT: 'redis-streams' as const, PUBSUB_PROJECT_ID: 'p1', REDIS_URL: 'redis://r:6379', EVENT_TOPIC_PREFIX: 'dev-' };

describe('busConfigFromEnv', () => {
  it('selects Redis Streams or Pub/Sub from EVENT_TRANSPORT, with the prefix and Redis URL, plus per-process extras', () => {
    expect(busConfigFromEnv(env, { idempotency: false })).toEqual({ transport: 'redis-streams', topicPrefix: 'dev-', redisUrl: 'redis://r:6379', idempotency: false });
    const pushAuth = { audience: 'https://x' };
    expect(busConfigFromEnv({ ...env, EVENT_TRANSPORT: 'pubsub' }, { pushAuth })).toEqual({
      transport: 'pubsub',
      projectId: 'p1',
      topicPrefix: 'dev-',
      redisUrl: 'redis://r:6379',
      pushAuth,
    });
  });
});
