/** Invalid or incomplete bus configuration (missing project id, bad numbers...). */
export class MessagingConfigError extends Error {
  override readonly name = 'MessagingConfigError';
}

/** `publish` or `subscribe` called after `close()`. */
export class BusClosedError extends Error {
  override readonly name = 'BusClosedError';

  constructor() {
    super('the event bus is closed');
  }
}

/** A push request whose body is not a Pub/Sub push envelope (answered 400). */
export class InvalidPushEnvelopeError extends Error {
  override readonly name = 'InvalidPushEnvelopeError';
}

/** A push request that failed OIDC verification: 401 without a bearer token, 403 with a bad one. */
export class PushAuthError extends Error {
  override readonly name = 'PushAuthError';

  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
  }
}

/** One-line description of a thrown value, for logs and dead letters. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
