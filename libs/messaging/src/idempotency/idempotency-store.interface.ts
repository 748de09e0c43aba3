/** Remembers which messages a consumer already processed, so duplicate deliveries skip the handler. */
export interface IdempotencyStore {
  /** True when `consumer` already processed `messageId`. */
  isProcessed(consumer: string, messageId: string): Promise<boolean>;
  /** Records `messageId` as processed by `consumer`; call only after the handler succeeded. */
  markProcessed(consumer: string, messageId: string): Promise<void>;
}
