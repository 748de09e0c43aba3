import type { IngestKind } from '@propcast/ingestion';
import { DEFAULT_RETRY_POLICY, retryAfterMs, type RetryPolicy } from '../http/upstream-client';
import { IngestRefusedError, UpstreamError } from '../http/collector-errors';
import type { Clock } from '../runtime/clock';

/** The route of each import kind under the ingestion service's /ingest. */
export const INGEST_ROUTES: Record<IngestKind, string> = {
  BOX_SCORES: 'box-scores',
  SCHEDULE: 'schedule',
  PROPS: 'props',
  GAME_LINES: 'game-lines',
  AVAILABILITY: 'availability',
};

/** What the ingestion API answered for a batch (the fields a collector uses of its import report). */
export interface IngestAnswer {
  status: 'ACCEPTED' | 'PARTIAL' | 'DUPLICATE' | 'REJECTED';
  batchId: string;
  message: string;
  rows: { total: number; accepted: number; rejected: number; inserted: number };
}

/** One batch for the ingestion API. */
export interface IngestRequest {
  kind: IngestKind;
  body: Buffer;
  contentType: string;
  /** Query string of the import options (allowPartial, capturedAt, reportedAt), without '?'. */
  query: string;
}

/** Posts batches to the ingestion service's POST /ingest/* with a write API key, so validation, audit, idempotency and events apply. */
export class IngestApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly clock: Clock,
    private readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {}

  /** The import report; 422 (rejected) throws IngestRefusedError; 429 and 503 are retried after Retry-After. */
  async post(req: IngestRequest): Promise<IngestAnswer> {
    const url = `${this.baseUrl.replace(/\/+$/, '')}/ingest/${INGEST_ROUTES[req.kind]}${req.query ? `?${req.query}` : ''}`;
    let last: Error | undefined;
    for (let attempt = 1; attempt <= this.policy.attempts; attempt++) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': req.contentType, 'x-api-key': this.apiKey },
          body: new Uint8Array(req.body),
          signal: AbortSignal.timeout(this.policy.timeoutMs * 4),
        });
      } catch (err) {
        last = new UpstreamError(url, null, `ingestion API unreachable: ${(err as Error).message}`);
        if (attempt < this.policy.attempts) await this.clock.sleep(this.policy.backoffMs * 2 ** (attempt - 1));
        continue;
      }
      const text = await res.text();
      const json = parseJson(text);
      if (res.status === 201 || res.status === 200 || res.status === 207) return json as IngestAnswer;
      if (res.status === 429 || res.status === 503) {
        last = new UpstreamError(url, res.status, text.slice(0, 300));
        if (attempt < this.policy.attempts) await this.clock.sleep(Math.min(this.policy.maxRetryAfterMs, retryAfterMs(res.headers.get('retry-after'), this.clock.now(), this.policy.backoffMs)));
        continue;
      }
      const body = json as { message?: string; details?: { batchId?: string; errors?: string[] } } | undefined;
      const errors = body?.details?.errors?.slice(0, 5).join('; ');
      throw new IngestRefusedError(
        res.status,
        `ingestion answered ${res.status} for ${req.kind}: ${body?.message ?? text.slice(0, 300)}${errors ? ` (${errors})` : ''}`,
        body?.details?.batchId ?? null,
      );
    }
    throw last ?? new UpstreamError(url, null, 'no attempt made');
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
