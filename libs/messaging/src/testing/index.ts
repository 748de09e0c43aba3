export * from './bus-harness';
export * from './pubsub-emulator';
export * from './redis-cleanup';
export * from './wait-for';
export * from './tcp-proxy';
