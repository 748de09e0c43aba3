import type { EventType } from '@propcast/contracts';
import 'reflect-metadata';
import type { EventHandler, SubscribeOptions } from '../event-bus.interface';

export const ON_EVENT_METADATA = 'propcast:messaging:on-event';

/** Subscription of a decorated method: its consumer group plus optional per-subscription settings. */
export interface OnEventOptions extends SubscribeOptions {
  group: string;
}

/** One `@OnEvent` on a method. */
export interface OnEventBinding {
  eventType: EventType;
  options: OnEventOptions;
}

/** Subscribes the decorated provider method to `eventType` as `options.group` when the application boots. */
export function OnEvent<T extends EventType>(eventType: T, options: OnEventOptions) {
  return <M extends EventHandler<T>>(_target: object, _key: string | symbol, descriptor: TypedPropertyDescriptor<M>): void => {
    const method = descriptor.value as object;
    const bindings: OnEventBinding[] = Reflect.getMetadata(ON_EVENT_METADATA, method) ?? [];
    Reflect.defineMetadata(ON_EVENT_METADATA, [...bindings, { eventType, options }], method);
  };
}

/** The `@OnEvent` bindings of a method (empty when not decorated). */
export function onEventBindings(method: unknown): OnEventBinding[] {
  return typeof method === 'function' ? (Reflect.getMetadata(ON_EVENT_METADATA, method) ?? []) : [];
}
