import { counter } from '@propcast/observability';

/** Retry settings of webhook posts. */
export interface WebhookRetryOptions {
  /** Attempts per URL (first try included). */
  attempts: number;
  /** Delay before the first retry; doubled at each retry. */
  backoffMs: number;
  /** Time limit of one attempt. */
  timeoutMs: number;
}

/** How one URL's delivery went. */
export interface WebhookDelivery {
  /** The URL without its path (webhook paths are secrets). */
  target: string;
  ok: boolean;
  attempts: number;
  /** The last HTTP status or error. */
  detail: string;
}

const posts = () => counter('propcast_webhook_posts_total', 'Webhook deliveries by final outcome (ok, failed)', ['outcome']);

/** Where a URL points, without the path, query or credentials a webhook URL carries. */
export function webhookTarget(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(malformed URL)';
  }
}

/**
 * POSTs JSON to webhooks with retries and exponential backoff: 5xx, 429 and network errors are retried, other 4xx
 * are not (the payload or URL is wrong and retrying cannot help). Never throws: each URL's outcome is returned.
 */
export class WebhookPoster {
  constructor(
    private readonly options: WebhookRetryOptions,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Delivers `payload` to every URL concurrently. */
  postAll(urls: readonly string[], payload: unknown): Promise<WebhookDelivery[]> {
    return Promise.all(urls.map((url) => this.post(url, payload)));
  }

  /** Delivers `payload` to one URL. */
  async post(url: string, payload: unknown): Promise<WebhookDelivery> {
    const target = webhookTarget(url);
    const body = JSON.stringify(payload);
    let detail = '';
    let made = 0;
    for (let attempt = 1; attempt <= this.options.attempts; attempt++) {
      let retry = true;
      made = attempt;
      try {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(this.options.timeoutMs) });
        detail = `HTTP ${res.status}`;
        await res.arrayBuffer().catch(() => undefined);
        if (res.ok) {
          posts().inc({ outcome: 'ok' });
          return { target, ok: true, attempts: attempt, detail };
        }
        retry = res.status >= 500 || res.status === 429;
      } catch (error) {
        detail = (error as Error).message;
      }
      if (!retry) break;
      if (attempt < this.options.attempts) await this.sleep(this.options.backoffMs * 2 ** (attempt - 1));
    }
    posts().inc({ outcome: 'failed' });
    return { target, ok: false, attempts: made, detail };
  }
}
