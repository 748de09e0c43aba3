import type { EventBusConfig, PubSubBusConfig, RedisStreamsBusConfig } from './config';
import { MessagingConfigError } from './errors';
import type { EventBus } from './event-bus.interface';
import { PubSubEventBus } from './pubsub/pubsub.bus';
import { RedisStreamsEventBus } from './redis-streams/redis-streams.bus';

/** Creates the event bus for the configured transport. */
export function createEventBus(config: RedisStreamsBusConfig): RedisStreamsEventBus;
export function createEventBus(config: PubSubBusConfig): PubSubEventBus;
export function createEventBus(config: EventBusConfig): EventBus;
export function createEventBus(config: EventBusConfig): EventBus {
  switch (config.transport) {
    case 'redis-streams':
      return new RedisStreamsEventBus(config);
    case 'pubsub':
      return new PubSubEventBus(config);
    default:
      throw new MessagingConfigError(`unknown transport "${(config as { transport?: string }).transport}"`);
  }
}
