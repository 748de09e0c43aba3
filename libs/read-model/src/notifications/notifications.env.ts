import { envVar } from '@propcast/config';
import { z } from 'zod';

/** Where the day's picks are posted when its predictions are ready (read by the service that consumes predictions.ready). */
export const PicksNotificationsEnv = {
  PICKS_WEBHOOK_URLS: envVar(z.string(), 'webhooks (Slack-compatible JSON) the picks of a date are posted to when its predictions are ready, comma-separated; empty: none', {
    default: '',
    sensitive: true,
  }),
  PICKS_BOARD_URL: envVar(z.string(), 'public URL of the slate board, linked from the picks message (empty: no link)', { default: '' }),
  PICKS_WEBHOOK_MAX_PICKS: envVar(z.coerce.number().int().min(1).max(50), 'picks listed in a picks message (the rest are counted)', { default: '10' }),
};

/** The webhook URLs of PICKS_WEBHOOK_URLS (blank entries dropped). */
export function webhookUrlsOf(value: string): string[] {
  return value
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u.length > 0);
}
