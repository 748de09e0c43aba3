import { EventEnvelope, EventType, parseEvent } from '@propcast/contracts';
import { CommonBusConfig, positiveInt } from './config';
import { DeliveryPipeline } from './consumer/delivery-pipeline';
import { SubscriptionRegistry } from './consumer/subscription-registry';
import { BusClosedError, MessagingConfigError } from './errors';
import type { EventBus, EventHandler, SubscribeOptions, Subscription } from './event-bus.interface';
import type { IdempotencyStore } from './idempotency/idempotency-store.interface';
import { defaultLogger, MessagingLogger } from './logger';
import { eventsPublished } from './metrics';

/** Subscription settings after defaults. */
export interface ResolvedSubscribeOptions {
  maxAttempts: number;
  concurrency: number;
}

const GROUP_NAME = /^[A-Za-z0-9._~%+-]{1,100}$/;

/** What both transports share: validation on publish, the delivery pipeline, subscription tracking, close. */
export abstract class BaseEventBus implements EventBus {
  protected readonly logger: MessagingLogger;
  protected readonly prefix: string;
  protected readonly drainTimeoutMs: number;
  private readonly registry = new SubscriptionRegistry();
  private closing?: Promise<void>;

  protected constructor(
    private readonly common: CommonBusConfig,
    protected readonly idempotency: IdempotencyStore | undefined,
  ) {
    this.logger = common.logger ?? defaultLogger();
    this.prefix = common.topicPrefix ?? '';
    this.drainTimeoutMs = positiveInt('drainTimeoutMs', common.drainTimeoutMs, 10_000);
    this.resolveOptions({}); // reject bad maxAttempts / concurrency defaults now, not at the first subscribe
  }

  /** Validates `event` against its contract (throws `InvalidMessageError`) and sends it. */
  async publish(event: EventEnvelope): Promise<string> {
    this.assertOpen();
    const valid = parseEvent(event);
    const messageId = await this.send(valid);
    eventsPublished.inc({ type: valid.type });
    return messageId;
  }

  /** Starts consuming `eventType` as `group` through the delivery pipeline. */
  async subscribe<T extends EventType>(eventType: T, group: string, handler: EventHandler<T>, opts: SubscribeOptions = {}): Promise<Subscription> {
    this.assertOpen();
    if (!GROUP_NAME.test(group)) throw new MessagingConfigError(`invalid consumer group name "${group}"`);
    const resolved = this.resolveOptions(opts);
    const pipeline = this.pipeline(eventType, group, handler, resolved.maxAttempts);
    return this.registry.track(await this.consume(eventType, group, pipeline, resolved));
  }

  /** Closes all subscriptions (draining running handlers), then the transport. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.registry.closeAll().then(() => this.shutdown());
    return this.closing;
  }

  protected pipeline<T extends EventType>(eventType: T, group: string, handler: EventHandler<T>, maxAttempts: number) {
    return new DeliveryPipeline({ eventType, group, handler, maxAttempts, idempotency: this.idempotency, logger: this.logger });
  }

  protected resolveOptions(opts: SubscribeOptions): ResolvedSubscribeOptions {
    return {
      maxAttempts: positiveInt('maxAttempts', opts.maxAttempts ?? this.common.maxAttempts, 5),
      concurrency: positiveInt('concurrency', opts.concurrency ?? this.common.concurrency, 1),
    };
  }

  protected assertOpen(): void {
    if (this.closing) throw new BusClosedError();
  }

  /** Sends a validated event; resolves to the transport message id. */
  protected abstract send(event: EventEnvelope): Promise<string>;

  /** Starts the transport consumer feeding `pipeline`. */
  protected abstract consume(eventType: EventType, group: string, pipeline: DeliveryPipeline, opts: ResolvedSubscribeOptions): Promise<Subscription>;

  /** Releases transport resources once every subscription is closed. */
  protected abstract shutdown(): Promise<void>;
}
