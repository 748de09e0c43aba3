import { Duration, Message, PubSub, Topic } from '@google-cloud/pubsub';
import { deadLetterName, EventEnvelope, EventType, subscriptionName, topicName } from '@propcast/contracts';
import { Redis } from 'ioredis';
import { BaseEventBus, ResolvedSubscribeOptions } from '../base-event-bus';
import { positiveInt, PubSubBusConfig } from '../config';
import { DeadLetter, deadLetterFields } from '../consumer/dead-letter';
import type { DeliveryPipeline, DeliverySink } from '../consumer/delivery-pipeline';
import { MessagingConfigError } from '../errors';
import type { EventHandler, SubscribeOptions, Subscription } from '../event-bus.interface';
import type { IdempotencyStore } from '../idempotency/idempotency-store.interface';
import { RedisIdempotencyStore } from '../idempotency/redis-idempotency.store';
import { PubSubAdmin, SubscriptionSpec } from './pubsub-admin';
import type { PushAuthOptions } from './push-auth';
import { handlePushEnvelope, PushHandler } from './push-envelope';

/** Pub/Sub attribute values are limited to 1024 bytes. */
const MAX_ATTRIBUTE_BYTES = 1024;

/** Options of a push handler. */
export interface PushHandlerOptions extends Pick<SubscribeOptions, 'maxAttempts'> {
  /** OIDC check; default the bus's `pushAuth`; `false` disables it. */
  auth?: PushAuthOptions | false;
}

/**
 * Event bus on Google Pub/Sub: a topic per event type, a subscription per consumer group (streaming pull, or
 * HTTP push via `createPushHandler`), dead letters on `<topic>.dlq` (retained by `<topic>.dlq.inspect`).
 */
export class PubSubEventBus extends BaseEventBus {
  private readonly client: PubSub;
  private readonly admin: PubSubAdmin;
  private readonly topics = new Map<string, Topic>();
  private readonly createIfMissing: boolean;
  private readonly ackDeadlineSeconds: number;
  private readonly ownedRedis?: Redis;

  constructor(private readonly config: PubSubBusConfig) {
    const projectId = config.projectId ?? process.env.GOOGLE_CLOUD_PROJECT ?? process.env.PUBSUB_PROJECT_ID;
    if (!projectId) throw new MessagingConfigError('the pubsub transport needs a projectId (or GOOGLE_CLOUD_PROJECT)');
    const ownedRedis = config.idempotency === undefined && config.redisUrl ? new Redis(config.redisUrl) : undefined;
    const idempotency: IdempotencyStore | undefined =
      config.idempotency === false ? undefined : (config.idempotency ?? (ownedRedis && new RedisIdempotencyStore(ownedRedis, { keyPrefix: `${config.topicPrefix ?? ''}propcast:processed:` })));
    super(config, idempotency);
    this.ownedRedis = ownedRedis;
    this.ownedRedis?.on('error', (err: Error) => this.logger.debug({ err }, 'redis connection error'));
    if (!idempotency && config.idempotency !== false) {
      this.logger.warn({}, 'pubsub bus without idempotency store (set redisUrl): duplicate deliveries reach handlers');
    }
    const emulatorHost = config.emulatorHost ?? process.env.PUBSUB_EMULATOR_HOST;
    // On the emulator: plain-text gRPC, and a fixed universe domain so the client does not probe the GCE metadata server.
    this.client = new PubSub(emulatorHost ? { projectId, apiEndpoint: emulatorHost, emulatorMode: true, universeDomain: 'googleapis.com' } : { projectId });
    this.admin = new PubSubAdmin(this.client);
    this.createIfMissing = config.createIfMissing ?? Boolean(emulatorHost);
    this.ackDeadlineSeconds = positiveInt('ackDeadlineSeconds', config.ackDeadlineSeconds, 60);
  }

  /** The topic an event type is published to (with the bus's topic prefix). */
  topicFor(eventType: EventType): string {
    return topicName(eventType, this.prefix);
  }

  /** The subscription of `group` on an event type's topic. */
  subscriptionFor(eventType: EventType, group: string): string {
    return subscriptionName(this.topicFor(eventType), group);
  }

  /** Creates (if missing) a push subscription delivering `eventType` for `group` to `endpoint`. */
  async ensurePushSubscription(eventType: EventType, group: string, push: Required<SubscriptionSpec>['push'], opts: Pick<SubscribeOptions, 'maxAttempts'> = {}): Promise<string> {
    const name = this.subscriptionFor(eventType, group);
    await this.admin.ensureSubscription(this.topicFor(eventType), name, this.spec(opts, push));
    return name;
  }

  /** Builds the HTTP push handler of a push subscription of `group` on `eventType`. */
  createPushHandler<T extends EventType>(eventType: T, group: string, handler: EventHandler<T>, opts: PushHandlerOptions = {}): PushHandler {
    const { maxAttempts } = this.resolveOptions(opts);
    const pipeline = this.pipeline(eventType, group, handler, maxAttempts);
    const topic = this.topicFor(eventType);
    const auth = opts.auth === false ? undefined : (opts.auth ?? this.config.pushAuth);
    return (body, headers) => handlePushEnvelope(body, headers, { pipeline, auth, deadLetter: (letter) => this.publishDeadLetter(topic, letter) });
  }

  protected async send(event: EventEnvelope): Promise<string> {
    const name = this.topicFor(event.type);
    if (this.createIfMissing) await this.admin.ensureTopic(name);
    return this.topic(name).publishMessage({
      data: Buffer.from(JSON.stringify(event)),
      attributes: { type: event.type, eventId: event.id, source: event.source },
    });
  }

  protected async consume(eventType: EventType, group: string, pipeline: DeliveryPipeline, opts: ResolvedSubscribeOptions): Promise<Subscription> {
    const topic = this.topicFor(eventType);
    const name = subscriptionName(topic, group);
    if (this.createIfMissing) {
      await this.admin.ensureSubscription(topic, name, this.spec(opts));
    } else if (!(await this.admin.subscriptionExists(name))) {
      throw new MessagingConfigError(`subscription ${name} does not exist (createIfMissing is off)`);
    }
    const subscription = this.client.subscription(name, {
      flowControl: { maxMessages: opts.concurrency, allowExcessMessages: false },
      closeOptions: { behavior: 'WAIT', timeout: Duration.from({ milliseconds: this.drainTimeoutMs }) },
    });
    subscription.on('message', (message: Message) => {
      // Pub/Sub counts attempts only on subscriptions with a dead-letter policy; otherwise it reports 0.
      const ctx = { messageId: message.id, deliveryAttempt: message.deliveryAttempt || 1 };
      void pipeline.deliver(message.data, ctx, this.sink(topic, message));
    });
    subscription.on('error', (err: Error) => this.logger.error({ err, subscription: name }, 'pubsub subscription error'));
    return { eventType, group, close: () => subscription.close() };
  }

  protected async shutdown(): Promise<void> {
    await Promise.all([...this.topics.values()].map((topic) => topic.flush()));
    await this.client.close();
    await this.ownedRedis?.quit().catch(() => this.ownedRedis?.disconnect());
  }

  private sink(topic: string, message: Message): DeliverySink {
    return {
      ack: async () => message.ack(),
      retry: async () => message.nack(),
      deadLetter: async (letter) => {
        await this.publishDeadLetter(topic, letter);
        message.ack();
      },
    };
  }

  private async publishDeadLetter(topic: string, letter: DeadLetter): Promise<void> {
    const dlq = deadLetterName(topic);
    if (this.createIfMissing) await this.admin.ensureDeadLetterTopic(topic);
    const attributes = Object.fromEntries(Object.entries(deadLetterFields(letter)).map(([key, value]) => [key, truncateUtf8(value, MAX_ATTRIBUTE_BYTES)]));
    await this.topic(dlq).publishMessage({ data: letter.payload, attributes });
  }

  private spec(opts: Pick<SubscribeOptions, 'maxAttempts'>, push?: SubscriptionSpec['push']): SubscriptionSpec {
    return { ackDeadlineSeconds: this.ackDeadlineSeconds, maxAttempts: this.resolveOptions(opts).maxAttempts, push };
  }

  private topic(name: string): Topic {
    let topic = this.topics.get(name);
    if (!topic) {
      topic = this.client.topic(name);
      this.topics.set(name, topic);
    }
    return topic;
  }
}

function truncateUtf8(value: string, maxBytes: number): string {
  const bytes = Buffer.from(value);
  return bytes.length <= maxBytes
    ? value
    : bytes
        .subarray(0, maxBytes - 3)
        .toString()
        .replace(/\uFFFD$/, '') + '...';
}
