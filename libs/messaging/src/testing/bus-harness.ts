import { PubSub } from '@google-cloud/pubsub';
import { deadLetterName, deadLetterSubscriptionName, EventType, topicName } from '@propcast/contracts';
import { Redis } from 'ioredis';
import pino from 'pino';
import { CommonBusConfig, defaultRedisUrl, PubSubBusConfig, RedisStreamsBusConfig } from '../config';
import type { EventBus } from '../event-bus.interface';
import { PubSubEventBus } from '../pubsub/pubsub.bus';
import { RedisStreamsEventBus } from '../redis-streams/redis-streams.bus';
import { deleteKeysWithPrefix } from './redis-cleanup';
import { hasGcloud, PUBSUB_SKIP_REASON, PubSubEmulator, startPubSubEmulator } from './pubsub-emulator';
import { uniqueSuffix } from './wait-for';

/** A dead letter as a test sees it, whatever the transport. */
export interface DeadLetterView {
  reason: string;
  error: string;
  payload: string;
  group: string;
  deliveryAttempt: number;
}

/** Per-test sandbox on one transport: buses share a unique topic prefix, everything is removed at `dispose`. */
export interface BusHarness {
  readonly prefix: string;
  /** A consumer group name unique to this test (metrics are process-wide, so groups must not repeat). */
  group(name: string): string;
  /** A bus on this transport with test-friendly timings (redelivery after ~0.5 s, 3 attempts). */
  bus(overrides?: Partial<CommonBusConfig>): EventBus;
  /** Publishes bytes as-is on an event type's topic, bypassing validation. */
  publishRaw(eventType: EventType, payload: string): Promise<void>;
  /** Dead letters of an event type received so far. */
  deadLetters(eventType: EventType): Promise<DeadLetterView[]>;
  dispose(): Promise<void>;
}

/** A transport the shared contract suite runs against. */
export interface BusDriver {
  readonly name: 'redis-streams' | 'pubsub';
  readonly skipReason?: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  harness(): BusHarness;
}

/** Quiet logger for tests; `LOG_LEVEL=debug` to see the bus talk. */
export const testLogger = pino({ level: process.env.LOG_LEVEL ?? 'silent' });

const TEST_DEFAULTS = { maxAttempts: 3, drainTimeoutMs: 200, logger: testLogger } satisfies Partial<CommonBusConfig>;

/** The Redis Streams driver, whose harness also exposes its Redis connection. */
export interface RedisStreamsDriver extends BusDriver {
  harness(): RedisStreamsHarness;
}

/** Redis Streams driver against `REDIS_URL` (or the local Redis). */
export function redisStreamsDriver(): RedisStreamsDriver {
  return {
    name: 'redis-streams',
    start: async () => undefined,
    stop: async () => undefined,
    harness: () => new RedisStreamsHarness(),
  };
}

/** The Pub/Sub driver, whose harness also exposes its admin client. */
export interface PubSubDriver extends BusDriver {
  harness(): PubSubHarness;
}

/** Pub/Sub driver on an emulator started by `start()`; skipped without gcloud. */
export function pubSubDriver(): PubSubDriver {
  let emulator: PubSubEmulator | undefined;
  return {
    name: 'pubsub',
    skipReason: hasGcloud() ? undefined : PUBSUB_SKIP_REASON,
    start: async () => {
      emulator = await startPubSubEmulator();
    },
    stop: async () => emulator?.stop(),
    harness: () => {
      if (!emulator) throw new Error('pubsub driver not started');
      return new PubSubHarness(emulator);
    },
  };
}

/** Redis Streams sandbox; `redis` talks to the same server. */
export class RedisStreamsHarness implements BusHarness {
  readonly prefix = `t-${uniqueSuffix()}.`;

  group(name: string): string {
    return `${name}-${this.prefix.slice(2, -1)}`;
  }
  readonly redis = new Redis(defaultRedisUrl());
  private readonly buses: EventBus[] = [];

  bus(overrides: Partial<Omit<RedisStreamsBusConfig, 'transport'>> = {}): RedisStreamsEventBus {
    const bus = new RedisStreamsEventBus({
      transport: 'redis-streams',
      topicPrefix: this.prefix,
      visibilityTimeoutMs: 500,
      ...TEST_DEFAULTS,
      ...overrides,
    });
    this.buses.push(bus);
    return bus;
  }

  async publishRaw(eventType: EventType, payload: string): Promise<void> {
    await this.redis.xadd(topicName(eventType, this.prefix), '*', 'event', payload);
  }

  async deadLetters(eventType: EventType): Promise<DeadLetterView[]> {
    const entries = await this.redis.xrange(deadLetterName(topicName(eventType, this.prefix)), '-', '+');
    return entries.map(([, fields]) => {
      const f = Object.fromEntries(fields.flatMap((_, i) => (i % 2 === 0 ? [[fields[i], fields[i + 1]]] : [])));
      return { reason: f.reason, error: f.error, payload: f.event, group: f.group, deliveryAttempt: Number(f.deliveryAttempt) };
    });
  }

  async dispose(): Promise<void> {
    await Promise.all(this.buses.map((bus) => bus.close()));
    await deleteKeysWithPrefix(this.redis, this.prefix);
    await this.redis.quit();
  }
}

/** Pub/Sub sandbox; `client` talks to the same emulator. */
export class PubSubHarness implements BusHarness {
  readonly prefix = `t-${uniqueSuffix()}.`;

  group(name: string): string {
    return `${name}-${this.prefix.slice(2, -1)}`;
  }
  readonly client: PubSub;
  private readonly buses: EventBus[] = [];
  private readonly received = new Map<EventType, DeadLetterView[]>();
  private readonly listeners: { close(): Promise<void> }[] = [];

  constructor(private readonly emulator: PubSubEmulator) {
    this.client = new PubSub({
      projectId: emulator.projectId,
      apiEndpoint: emulator.host,
      emulatorMode: true,
      universeDomain: 'googleapis.com',
    });
  }

  bus(overrides: Partial<Omit<PubSubBusConfig, 'transport'>> = {}): PubSubEventBus {
    const bus = new PubSubEventBus({
      transport: 'pubsub',
      projectId: this.emulator.projectId,
      emulatorHost: this.emulator.host,
      redisUrl: defaultRedisUrl(),
      topicPrefix: this.prefix,
      ackDeadlineSeconds: 10,
      ...TEST_DEFAULTS,
      ...overrides,
    });
    this.buses.push(bus);
    return bus;
  }

  async publishRaw(eventType: EventType, payload: string): Promise<void> {
    await this.client.topic(topicName(eventType, this.prefix)).publishMessage({ data: Buffer.from(payload) });
  }

  /** Streams the `<topic>.dlq.inspect` subscription (created by the bus on subscribe) into memory. */
  async deadLetters(eventType: EventType): Promise<DeadLetterView[]> {
    let letters = this.received.get(eventType);
    if (!letters) {
      const collected: DeadLetterView[] = (letters = []);
      this.received.set(eventType, letters);
      const subscription = this.client.subscription(deadLetterSubscriptionName(topicName(eventType, this.prefix)));
      subscription.on('message', (m) => {
        const a = m.attributes;
        collected.push({
          reason: a.reason,
          error: a.error,
          payload: m.data.toString(),
          group: a.group,
          deliveryAttempt: Number(a.deliveryAttempt),
        });
        m.ack();
      });
      subscription.on('error', () => undefined);
      this.listeners.push(subscription);
    }
    return letters;
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.buses, ...this.listeners].map((closable) => closable.close()));
    const [subscriptions] = await this.client.getSubscriptions();
    await Promise.all(subscriptions.filter((s) => s.name.includes(`/${this.prefix}`)).map((s) => s.delete()));
    const [topics] = await this.client.getTopics();
    await Promise.all(topics.filter((t) => t.name.includes(`/${this.prefix}`)).map((t) => t.delete()));
    await this.client.close();
  }
}
