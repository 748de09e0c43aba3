import { DynamicModule, InjectionToken, Module, ModuleMetadata, Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { Pool } from 'pg';
import { PG_POOL } from '@propcast/db';
import type { EventBusConfig } from '../config';
import { createEventBus } from '../create-event-bus';
import type { EventBus } from '../event-bus.interface';
import { Outbox } from '../outbox/outbox';
import { OutboxEventBus } from '../outbox/outbox-event-bus';
import { MessagingLifecycle } from './messaging.lifecycle';
import { EVENT_BUS, MESSAGING_CONFIG } from './tokens';

/** Async configuration of `MessagingModule`, e.g. from a config service. */
export interface MessagingModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: InjectionToken[];
  useFactory: (...args: never[]) => EventBusConfig | Promise<EventBusConfig>;
}

/**
 * The bus a service injects: with a database (DbModule's PG_POOL), publishing goes through the transactional
 * outbox and its relay; without one, straight to the transport.
 */
export function createServiceEventBus(config: EventBusConfig, pool?: Pool): EventBus {
  const transport = createEventBus(config);
  return pool ? new OutboxEventBus(transport, new Outbox(pool, transport, { logger: config.logger })) : transport;
}

/** Global module providing the `EventBus` (`EVENT_BUS`) and wiring `@OnEvent` handlers. */
@Module({})
export class MessagingModule {
  /** Module with a static bus configuration. */
  static forRoot(config: EventBusConfig): DynamicModule {
    return MessagingModule.build({ provide: MESSAGING_CONFIG, useValue: config });
  }

  /** Module whose bus configuration comes from a factory. */
  static forRootAsync(options: MessagingModuleAsyncOptions): DynamicModule {
    const config: Provider = { provide: MESSAGING_CONFIG, useFactory: options.useFactory, inject: options.inject ?? [] };
    return MessagingModule.build(config, options.imports);
  }

  private static build(config: Provider, imports: ModuleMetadata['imports'] = []): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [DiscoveryModule, ...imports],
      providers: [
        config,
        {
          provide: EVENT_BUS,
          useFactory: (c: EventBusConfig, pool?: Pool) => createServiceEventBus(c, pool),
          inject: [MESSAGING_CONFIG, { token: PG_POOL, optional: true }],
        },
        MessagingLifecycle,
      ],
      exports: [EVENT_BUS],
    };
  }
}
