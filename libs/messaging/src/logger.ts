import pino from 'pino';

/** The logging surface the bus needs; a pino logger fits. */
export interface MessagingLogger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Pino logger named `messaging`, level from `LOG_LEVEL` (default info). */
export function defaultLogger(): MessagingLogger {
  return pino({ name: 'messaging', level: process.env.LOG_LEVEL ?? 'info' });
}
