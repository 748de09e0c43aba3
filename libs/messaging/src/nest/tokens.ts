import { Inject } from '@nestjs/common';

/** Injection token of the `EventBus`. */
export const EVENT_BUS = Symbol('EVENT_BUS');

/** Injection token of the bus configuration given to `MessagingModule`. */
export const MESSAGING_CONFIG = Symbol('MESSAGING_CONFIG');

/** Parameter decorator injecting the `EventBus`. */
export const InjectEventBus = (): ParameterDecorator => Inject(EVENT_BUS);
