import { CodedError } from '@propcast/common';

/** An upstream (The Odds API, stats.nba.com, the injury report) answered with an error or could not be reached. */
export class UpstreamError extends CodedError<'UPSTREAM_FAILED'> {
  readonly code = 'UPSTREAM_FAILED';
  constructor(
    readonly url: string,
    readonly status: number | null,
    detail: string,
  ) {
    super(`${redactUrl(url)}: ${status === null ? '' : `HTTP ${status}: `}${detail}`);
  }
}

/** An upstream asked us to wait (429 Retry-After) longer than a run may wait: the run stops, the next one resumes. */
export class RateLimitedError extends CodedError<'RATE_LIMITED'> {
  readonly code = 'RATE_LIMITED';
  constructor(
    readonly url: string,
    readonly retryAfterMs: number,
  ) {
    super(`${redactUrl(url)}: HTTP 429, asked to wait ${Math.ceil(retryAfterMs / 1000)} s (more than this run waits); the next run resumes`);
  }
}

/** The Odds API's remaining credits reached the reserve: polling stops until the quota renews. */
export class QuotaExhaustedError extends CodedError<'QUOTA_RESERVE_REACHED'> {
  readonly code = 'QUOTA_RESERVE_REACHED';
  constructor(
    readonly remaining: number,
    readonly reserve: number,
  ) {
    super(`The Odds API quota: ${remaining} request credits left, at or below the reserve ODDS_QUOTA_RESERVE=${reserve}; polling stops until the quota renews`);
  }
}

/** The ingestion API refused a snapshot (422 IMPORT_REJECTED) or answered an unexpected status. */
export class IngestRefusedError extends CodedError<'INGEST_REFUSED'> {
  readonly code = 'INGEST_REFUSED';
  constructor(
    readonly status: number,
    message: string,
    readonly batchId: string | null,
  ) {
    super(message);
  }
}

/** A URL with its apiKey query parameter hidden, fit for logs and errors. */
export function redactUrl(url: string): string {
  return url.replace(/([?&]apiKey=)[^&]*/i, '$1<hidden>');
}
