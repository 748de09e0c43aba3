import type { Subscription } from '../event-bus.interface';

/** The open subscriptions of a bus, so `close()` can close them all. */
export class SubscriptionRegistry {
  private readonly open = new Set<Subscription>();

  /** Tracks `subscription`; the returned handle forgets it when closed. */
  track(subscription: Subscription): Subscription {
    const handle: Subscription = {
      eventType: subscription.eventType,
      group: subscription.group,
      close: async () => {
        this.open.delete(handle);
        await subscription.close();
      },
    };
    this.open.add(handle);
    return handle;
  }

  /** Closes every open subscription in parallel. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.open].map((subscription) => subscription.close()));
  }
}
