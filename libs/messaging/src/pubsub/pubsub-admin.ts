import { deadLetterName, deadLetterSubscriptionName } from '@propcast/contracts';
import type { CreateSubscriptionOptions, PubSub } from '@google-cloud/pubsub';

const ALREADY_EXISTS = 6;
const WEEK_SECONDS = 7 * 24 * 3600;

/** Options of a subscription we create. */
export interface SubscriptionSpec {
  ackDeadlineSeconds: number;
  /** Our bus dead-letters after this many failures; Pub/Sub's own policy is the backstop one delivery later. */
  maxAttempts: number;
  /** Push endpoint; omitted for pull subscriptions. */
  push?: { endpoint: string; serviceAccountEmail?: string; audience?: string };
}

/** Creates topics and subscriptions on first use (emulator / local), each at most once per process. */
export class PubSubAdmin {
  private readonly ensured = new Map<string, Promise<void>>();

  constructor(private readonly client: PubSub) {}

  /** Creates `topic` if it does not exist. */
  ensureTopic(topic: string): Promise<void> {
    return this.once(`topic:${topic}`, async () => {
      const [exists] = await this.client.topic(topic).exists();
      if (!exists) await ignoreAlreadyExists(this.client.createTopic(topic));
    });
  }

  /** Creates `<topic>.dlq` and its retaining `<topic>.dlq.inspect` subscription. */
  ensureDeadLetterTopic(topic: string): Promise<void> {
    const dlq = deadLetterName(topic);
    return this.once(`dlq:${topic}`, async () => {
      await this.ensureTopic(dlq);
      await this.createSubscriptionIfMissing(dlq, deadLetterSubscriptionName(topic), {
        messageRetentionDuration: { seconds: WEEK_SECONDS },
        expirationPolicy: {},
      });
    });
  }

  /** Creates the topic, its dead-letter topic and the subscription (with a dead-letter policy) if missing. */
  ensureSubscription(topic: string, subscription: string, spec: SubscriptionSpec): Promise<void> {
    return this.once(`sub:${subscription}`, async () => {
      await this.ensureTopic(topic);
      await this.ensureDeadLetterTopic(topic);
      await this.createSubscriptionIfMissing(topic, subscription, {
        ackDeadlineSeconds: spec.ackDeadlineSeconds,
        deadLetterPolicy: {
          deadLetterTopic: this.client.topic(deadLetterName(topic)).name,
          maxDeliveryAttempts: Math.min(100, Math.max(5, spec.maxAttempts + 1)),
        },
        expirationPolicy: {},
        pushConfig: spec.push && {
          pushEndpoint: spec.push.endpoint,
          oidcToken: spec.push.serviceAccountEmail ? { serviceAccountEmail: spec.push.serviceAccountEmail, audience: spec.push.audience } : undefined,
        },
      });
    });
  }

  /** True when the subscription exists. */
  async subscriptionExists(subscription: string): Promise<boolean> {
    const [exists] = await this.client.subscription(subscription).exists();
    return exists;
  }

  private async createSubscriptionIfMissing(topic: string, name: string, options: CreateSubscriptionOptions): Promise<void> {
    if (await this.subscriptionExists(name)) return;
    await ignoreAlreadyExists(this.client.topic(topic).createSubscription(name, options));
  }

  private once(key: string, create: () => Promise<void>): Promise<void> {
    let pending = this.ensured.get(key);
    if (!pending) {
      pending = create().catch((error: unknown) => {
        this.ensured.delete(key);
        throw error;
      });
      this.ensured.set(key, pending);
    }
    return pending;
  }
}

async function ignoreAlreadyExists(request: Promise<unknown>): Promise<void> {
  try {
    await request;
  } catch (error) {
    if ((error as { code?: number }).code !== ALREADY_EXISTS) throw error;
  }
}
