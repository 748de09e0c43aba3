import { EventType, InvalidMessageError, parseEvent } from '@propcast/contracts';
import type { DeliveryContext, EventHandler } from '../event-bus.interface';
import { describeError } from '../errors';
import type { IdempotencyStore } from '../idempotency/idempotency-store.interface';
import type { MessagingLogger } from '../logger';
import { DeliveryOutcome, eventsConsumed, handlerDuration } from '../metrics';
import type { DeadLetter, DeadLetterReason } from './dead-letter';

/** What a transport does with a message once the pipeline has decided. */
export interface DeliverySink {
  /** Acknowledge: never deliver again. */
  ack(): Promise<void>;
  /** Leave (or return) the message for redelivery. */
  retry(error: unknown): Promise<void>;
  /** Store the dead letter, then acknowledge the original. */
  deadLetter(letter: DeadLetter): Promise<void>;
}

export interface DeliveryPipelineOptions<T extends EventType> {
  eventType: T;
  group: string;
  handler: EventHandler<T>;
  maxAttempts: number;
  idempotency?: IdempotencyStore;
  logger: MessagingLogger;
}

/**
 * Transport-independent handling of one delivery: validate against the contract (malformed → dead letter
 * at once), skip ids the group already processed, run the handler, then ack / retry / dead-letter after
 * `maxAttempts`. Never throws: infrastructure failures become a retry.
 */
export class DeliveryPipeline<T extends EventType = EventType> {
  constructor(private readonly o: DeliveryPipelineOptions<T>) {}

  /** Processes one raw message and settles it through `sink`; resolves to the outcome. */
  async deliver(payload: Buffer | string | undefined, ctx: DeliveryContext, sink: DeliverySink): Promise<DeliveryOutcome> {
    const bytes = typeof payload === 'string' ? Buffer.from(payload) : (payload ?? Buffer.alloc(0));
    try {
      return await this.process(bytes, ctx, sink);
    } catch (error) {
      this.o.logger.error({ ...this.logFields(ctx), err: error }, 'event delivery failed before settling; it will be retried');
      await sink.retry(error).catch(() => undefined);
      return this.count('error');
    }
  }

  private async process(bytes: Buffer, ctx: DeliveryContext, sink: DeliverySink): Promise<DeliveryOutcome> {
    const { eventType, group, handler, maxAttempts, idempotency } = this.o;
    let event;
    try {
      event = parseEvent(bytes);
      if (event.type !== eventType) {
        throw new InvalidMessageError([`type: expected "${eventType}" on this topic, received "${event.type}"`]);
      }
    } catch (error) {
      if (!(error instanceof InvalidMessageError)) throw error;
      return this.deadLetter(sink, 'malformed', error.message, bytes, ctx);
    }

    if (idempotency && (await idempotency.isProcessed(group, event.id))) {
      await sink.ack();
      return this.count('duplicate');
    }
    if (ctx.deliveryAttempt > maxAttempts) {
      const error = `delivered ${ctx.deliveryAttempt} times without being acknowledged (max ${maxAttempts})`;
      return this.deadLetter(sink, 'max_attempts', error, bytes, ctx);
    }

    const stopTimer = handlerDuration.startTimer({ type: eventType, group });
    try {
      await handler(event as Parameters<EventHandler<T>>[0], ctx);
    } catch (error) {
      stopTimer();
      if (ctx.deliveryAttempt >= maxAttempts) return this.deadLetter(sink, 'max_attempts', describeError(error), bytes, ctx);
      this.o.logger.warn({ ...this.logFields(ctx), eventId: event.id, err: error }, 'event handler failed; will retry');
      await sink.retry(error);
      return this.count('error');
    }
    stopTimer();

    await idempotency?.markProcessed(group, event.id).catch((error: unknown) => {
      this.o.logger.error({ ...this.logFields(ctx), eventId: event.id, err: error }, 'could not record processed id');
    });
    await sink.ack();
    return this.count('ok');
  }

  private async deadLetter(sink: DeliverySink, reason: DeadLetterReason, error: string, payload: Buffer, ctx: DeliveryContext): Promise<DeliveryOutcome> {
    const { eventType, group } = this.o;
    this.o.logger.error({ ...this.logFields(ctx), reason, error }, 'event dead-lettered');
    await sink.deadLetter({
      reason,
      error,
      payload,
      eventType,
      group,
      messageId: ctx.messageId,
      deliveryAttempt: ctx.deliveryAttempt,
      failedAt: new Date().toISOString(),
    });
    return this.count('dead_lettered');
  }

  private count(outcome: DeliveryOutcome): DeliveryOutcome {
    eventsConsumed.inc({ type: this.o.eventType, group: this.o.group, outcome });
    return outcome;
  }

  private logFields(ctx: DeliveryContext): Record<string, unknown> {
    return { eventType: this.o.eventType, group: this.o.group, messageId: ctx.messageId, attempt: ctx.deliveryAttempt };
  }
}
