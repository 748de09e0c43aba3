import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createEvent, EventEnvelope } from '@propcast/contracts';
import { Redis } from 'ioredis';
import { defaultRedisUrl } from '../config';
import type { DeliveryContext, EventBus } from '../event-bus.interface';
import { testLogger } from '../testing/bus-harness';
import { deleteKeysWithPrefix } from '../testing/redis-cleanup';
import { uniqueSuffix, waitFor } from '../testing/wait-for';
import { MessagingModule } from './messaging.module';
import { OnEvent } from './on-event.decorator';
import { EVENT_BUS, InjectEventBus } from './tokens';

const prefix = `t-${uniqueSuffix()}.`;
const received: { handler: string; event: EventEnvelope; ctx: DeliveryContext }[] = [];

@Injectable()
class CoordinatorHandlers {
  @OnEvent('phase.completed', { group: 'coordinator' })
  async onPhase(event: EventEnvelope<'phase.completed'>, ctx: DeliveryContext): Promise<void> {
    received.push({ handler: 'onPhase', event, ctx });
  }

  @OnEvent('model.promoted', { group: 'coordinator' })
  @OnEvent('training.completed', { group: 'coordinator-audit', maxAttempts: 2 })
  async onModelChange(event: EventEnvelope<'model.promoted' | 'training.completed'>): Promise<void> {
    received.push({ handler: 'onModelChange', event, ctx: { messageId: '', deliveryAttempt: 0 } });
  }
}

@Injectable()
class Publisher {
  constructor(@InjectEventBus() readonly bus: EventBus) {}
}

@Module({
  imports: [MessagingModule.forRoot({ transport: 'redis-streams', topicPrefix: prefix, logger: testLogger, drainTimeoutMs: 500 })],
  providers: [CoordinatorHandlers, Publisher],
})
class AppModule {}

describe('MessagingModule + @OnEvent', () => {
  afterAll(async () => {
    const redis = new Redis(defaultRedisUrl());
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  });

  it('subscribes decorated provider methods at bootstrap and closes the bus at shutdown', async () => {
    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    const bus = app.get(Publisher).bus;
    expect(app.get(EVENT_BUS)).toBe(bus);

    const phase = createEvent('phase.completed', { phase: 'features', processor: 'p', gameDate: '2024-01-15', featureSetId: 'f@v1', rows: 1 }, 'feature-store');
    const promoted = createEvent('model.promoted', { stat: 'PRA', modelId: 'm', version: 1, fromModelId: null, action: 'promote' }, 'trainer');
    const trained = createEvent('training.completed', { runId: 'r', stat: 'PRA', modelId: 'm', status: 'SUCCEEDED' }, 'trainer');
    const messageId = await bus.publish(phase);
    await bus.publish(promoted);
    await bus.publish(trained);

    await waitFor(() => received.length === 3, 10_000, 'three handled events');
    expect(received.find((r) => r.handler === 'onPhase')).toEqual({ handler: 'onPhase', event: phase, ctx: { messageId, deliveryAttempt: 1 } });
    expect(
      received
        .filter((r) => r.handler === 'onModelChange')
        .map((r) => r.event.id)
        .sort(),
    ).toEqual([promoted.id, trained.id].sort());

    await app.close();
    await expect(bus.publish(phase)).rejects.toThrow('the event bus is closed');
  });
});
