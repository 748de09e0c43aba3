import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { EventBus, EventHandler } from '../event-bus.interface';
import { OutboxEventBus } from '../outbox/outbox-event-bus';
import { onEventBindings } from './on-event.decorator';
import { EVENT_BUS } from './tokens';

/**
 * Subscribes every `@OnEvent` provider method at bootstrap and starts the outbox relay (when the bus has one);
 * closes the bus (draining handlers) at shutdown.
 */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.bus instanceof OutboxEventBus) this.bus.outbox.start();
    const seen = new Set<object>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object' || seen.has(instance) || !wrapper.isDependencyTreeStatic()) continue;
      seen.add(instance);
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        for (const { eventType, options } of onEventBindings(prototype[method])) {
          const { group, ...subscribeOptions } = options;
          const handler = (instance as Record<string, EventHandler>)[method].bind(instance);
          await this.bus.subscribe(eventType, group, handler, subscribeOptions);
        }
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }
}
