import type { Clock } from '../runtime/clock';
import { RateLimitedError, UpstreamError } from './collector-errors';

/** A successful upstream answer: status, headers (lower-case names) and the raw body. */
export interface UpstreamResponse {
  url: string;
  status: number;
  headers: Headers;
  body: Buffer;
}

/** Retry policy of an upstream client. */
export interface RetryPolicy {
  /** Attempts per request (network errors, 5xx, 429 within maxRetryAfterMs). */
  attempts: number;
  /** First backoff after a network error or 5xx; doubled each time. */
  backoffMs: number;
  /** Longest Retry-After a request waits out; longer ones end the run with RateLimitedError. */
  maxRetryAfterMs: number;
  /** Per-request timeout. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 4, backoffMs: 1_000, maxRetryAfterMs: 120_000, timeoutMs: 30_000 };

/** Milliseconds a Retry-After header asks for (seconds or an HTTP date); `fallbackMs` when absent or unreadable. */
export function retryAfterMs(value: string | null, now: Date, fallbackMs: number): number {
  if (!value) return fallbackMs;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? fallbackMs : Math.max(0, at - now.getTime());
}

/** GETs upstream URLs with headers, a timeout, retries with backoff on network errors and 5xx, and Retry-After on 429. */
export class UpstreamClient {
  constructor(
    private readonly clock: Clock,
    private readonly headers: Record<string, string> = {},
    private readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY,
    /** Called once per response (quota headers are read here even on errors). */
    private readonly onResponse: (res: UpstreamResponse) => void = () => undefined,
  ) {}

  /** The 2xx answer of `url`; throws UpstreamError (4xx other than 429, or retries exhausted) or RateLimitedError. */
  async get(url: string): Promise<UpstreamResponse> {
    let lastError: UpstreamError | undefined;
    for (let attempt = 1; attempt <= this.policy.attempts; attempt++) {
      let res: Response;
      try {
        res = await fetch(url, { headers: this.headers, signal: AbortSignal.timeout(this.policy.timeoutMs) });
      } catch (err) {
        lastError = new UpstreamError(url, null, `${(err as Error).message}${(err as { cause?: Error }).cause ? ` (${(err as { cause: Error }).cause.message})` : ''}`);
        await this.backoff(attempt);
        continue;
      }
      const answer: UpstreamResponse = { url, status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
      this.onResponse(answer);
      if (res.ok) return answer;
      if (res.status === 429) {
        const waitMs = retryAfterMs(res.headers.get('retry-after'), this.clock.now(), this.policy.backoffMs * 2 ** (attempt - 1));
        if (waitMs > this.policy.maxRetryAfterMs || attempt === this.policy.attempts) throw new RateLimitedError(url, waitMs);
        await this.clock.sleep(waitMs);
        continue;
      }
      lastError = new UpstreamError(url, res.status, answer.body.toString('utf8').slice(0, 300) || res.statusText);
      if (res.status < 500) throw lastError;
      await this.backoff(attempt);
    }
    throw lastError ?? new UpstreamError(url, null, 'no attempt made');
  }

  /** The JSON answer of `url`; an unreadable body is an UpstreamError naming the URL. */
  async getJson<T>(url: string): Promise<{ response: UpstreamResponse; json: T }> {
    const response = await this.get(url);
    try {
      return { response, json: JSON.parse(response.body.toString('utf8')) as T };
    } catch (err) {
      throw new UpstreamError(url, response.status, `the body is not JSON: ${(err as Error).message}`);
    }
  }

  private async backoff(attempt: number): Promise<void> {
    if (attempt < this.policy.attempts) await this.clock.sleep(this.policy.backoffMs * 2 ** (attempt - 1));
  }
}
