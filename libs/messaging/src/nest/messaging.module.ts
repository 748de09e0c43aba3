import { DynamicModule, InjectionToken, Module, ModuleMetadata, Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { EventBusConfig } from '../config';
import { createEventBus } from '../create-event-bus';
import { MessagingLifecycle } from './messaging.lifecycle';
import { EVENT_BUS, MESSAGING_CONFIG } from './tokens';

/** Async configuration of `MessagingModule`, e.g. from a config service. */
export interface MessagingModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: InjectionToken[];
  useFactory: (...args: never[]) => EventBusConfig | Promise<EventBusConfig>;
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
        { provide: EVENT_BUS, useFactory: (c: EventBusConfig) => createEventBus(c), inject: [MESSAGING_CONFIG] },
        MessagingLifecycle,
      ],
      exports: [EVENT_BUS],
    };
  }
}
