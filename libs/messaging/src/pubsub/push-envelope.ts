import { decodeJson, InvalidMessageError } from '@propcast/contracts';
import { z } from 'zod';
import type { DeadLetter } from '../consumer/dead-letter';
import type { DeliveryPipeline, DeliverySink } from '../consumer/delivery-pipeline';
import { InvalidPushEnvelopeError, PushAuthError } from '../errors';
import type { DeliveryOutcome } from '../metrics';
import { PushAuthOptions, PushRequestHeaders, verifyPushAuth } from './push-auth';

const PushEnvelopeSchema = z.object({
  message: z.object({
    data: z.string().optional(),
    attributes: z.record(z.string(), z.string()).optional(),
    messageId: z.string().min(1).optional(),
    message_id: z.string().min(1).optional(),
    publishTime: z.string().optional(),
  }),
  subscription: z.string().min(1),
  deliveryAttempt: z.int().positive().optional(),
});

/** A decoded push request. */
export interface PushMessage {
  messageId: string;
  /** Message bytes (base64-decoded), absent for an attributes-only message. */
  data: Buffer | undefined;
  attributes: Record<string, string>;
  publishTime?: string;
  subscription: string;
  /** 1 when the subscription has no dead-letter policy (Pub/Sub only counts with one). */
  deliveryAttempt: number;
}

/** Decodes the standard push body `{message: {data, attributes, messageId, publishTime}, subscription}`. */
export function decodePushEnvelope(body: unknown): PushMessage {
  let parsed;
  try {
    parsed = PushEnvelopeSchema.safeParse(decodeJson(body));
  } catch (error) {
    throw new InvalidPushEnvelopeError((error as InvalidMessageError).message);
  }
  if (!parsed.success) throw new InvalidPushEnvelopeError(`not a Pub/Sub push envelope: ${z.prettifyError(parsed.error)}`);
  const { message, subscription, deliveryAttempt } = parsed.data;
  const messageId = message.messageId ?? message.message_id;
  if (!messageId) throw new InvalidPushEnvelopeError('not a Pub/Sub push envelope: message.messageId is missing');
  return {
    messageId,
    data: message.data === undefined ? undefined : Buffer.from(message.data, 'base64'),
    attributes: message.attributes ?? {},
    publishTime: message.publishTime,
    subscription,
    deliveryAttempt: deliveryAttempt ?? 1,
  };
}

/** Everything a push request needs: the subscription's pipeline, where dead letters go, the OIDC check. */
export interface PushEndpoint {
  pipeline: DeliveryPipeline;
  deadLetter(letter: DeadLetter): Promise<void>;
  auth?: PushAuthOptions;
}

/** HTTP answer for Pub/Sub: 2xx acknowledges, anything else makes Pub/Sub redeliver. */
export interface PushResult {
  status: number;
  outcome?: DeliveryOutcome;
  error?: string;
}

/** Handler for one HTTP push request (wire it to a POST route; reply with `status`). */
export type PushHandler = (body: unknown, headers: PushRequestHeaders) => Promise<PushResult>;

/**
 * Handles one push request. 401/403: OIDC check failed. 400: not a push envelope. 204: handled, duplicate, or
 * dead-lettered — a message breaking its contract is dead-lettered then acknowledged, since redelivering it can
 * never succeed. 500: the handler failed (or a dependency did), so Pub/Sub redelivers it.
 */
export async function handlePushEnvelope(body: unknown, headers: PushRequestHeaders, endpoint: PushEndpoint): Promise<PushResult> {
  let message: PushMessage;
  try {
    await verifyPushAuth(headers, endpoint.auth);
    message = decodePushEnvelope(body);
  } catch (error) {
    if (error instanceof PushAuthError) return { status: error.status, error: error.message };
    if (error instanceof InvalidPushEnvelopeError) return { status: 400, error: error.message };
    throw error;
  }
  let status = 500;
  const sink: DeliverySink = {
    ack: async () => {
      status = 204;
    },
    retry: async () => {
      status = 500;
    },
    deadLetter: async (letter) => {
      await endpoint.deadLetter(letter);
      status = 204;
    },
  };
  const outcome = await endpoint.pipeline.deliver(
    message.data,
    {
      messageId: message.messageId,
      deliveryAttempt: message.deliveryAttempt,
    },
    sink,
  );
  return { status, outcome };
}
