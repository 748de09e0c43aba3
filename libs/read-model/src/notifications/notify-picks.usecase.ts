import type { ListPicksUseCase } from '../picks/list-picks.usecase';
import { picksMessage } from './slack-message';
import type { WebhookDelivery, WebhookPoster } from './webhook-poster';

/** Where and what to notify. */
export interface NotifyPicksOptions {
  urls: readonly string[];
  /** Picks listed in the message (the rest are counted). */
  maxPicks: number;
  /** The board's public URL, linked from the message when set. */
  boardUrl?: string;
}

/** What one notification did. */
export interface NotifyPicksResult {
  gameDate: string;
  picks: number;
  deliveries: WebhookDelivery[];
}

/**
 * Posts a date's recommended picks to the configured webhooks when its predictions are ready. Run off the event
 * handler's path (the handler does not await it), so a slow or failing webhook never holds up predictions or the bus.
 */
export class NotifyPicksUseCase {
  constructor(
    private readonly picks: ListPicksUseCase,
    private readonly poster: WebhookPoster,
    private readonly options: NotifyPicksOptions,
  ) {}

  /** Lists the date's picks and posts them; deliveries report each URL's outcome (never throws for a webhook). */
  async execute(gameDate: string): Promise<NotifyPicksResult> {
    if (this.options.urls.length === 0) return { gameDate, picks: 0, deliveries: [] };
    const list = await this.picks.execute({ date: gameDate, call: 'BET', include: '' });
    const message = picksMessage(list, { maxPicks: this.options.maxPicks, boardUrl: this.options.boardUrl ? `${this.options.boardUrl}?date=${gameDate}` : undefined });
    return { gameDate, picks: list.picks.length, deliveries: await this.poster.postAll(this.options.urls, message) };
  }
}
