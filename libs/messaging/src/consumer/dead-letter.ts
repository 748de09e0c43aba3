import type { EventType } from '@propcast/contracts';

/** Why a message left the main topic: it broke its contract, or it kept failing. */
export type DeadLetterReason = 'malformed' | 'max_attempts';

/** Everything needed to inspect and replay a message that will not be processed. */
export interface DeadLetter {
  reason: DeadLetterReason;
  /** Validation issues (`field: problem`) or the handler's last error. */
  error: string;
  /** The original message bytes, untouched (may be absent for an empty message). */
  payload: Buffer;
  /** The event type of the topic the message came from. */
  eventType: EventType;
  group: string;
  messageId: string;
  deliveryAttempt: number;
  failedAt: string;
}

/** Flat string fields describing a dead letter (Redis entry fields, Pub/Sub attributes); the payload travels apart. */
export function deadLetterFields(letter: DeadLetter): Record<string, string> {
  return {
    reason: letter.reason,
    error: letter.error,
    eventType: letter.eventType,
    group: letter.group,
    messageId: letter.messageId,
    deliveryAttempt: String(letter.deliveryAttempt),
    failedAt: letter.failedAt,
  };
}
