import type { EventEnvelope } from '@propcast/contracts';
import type { EventBus, Subscription } from '@propcast/messaging';

/** An EventBus that only records what is published (for use-case tests that need no transport). */
export class RecordingBus implements EventBus {
  readonly published: EventEnvelope[] = [];
  failNext = 0;

  async publish(event: EventEnvelope): Promise<string> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('bus unavailable');
    }
    this.published.push(event);
    return String(this.published.length);
  }

  async subscribe(): Promise<Subscription> {
    throw new Error('RecordingBus does not deliver events');
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
