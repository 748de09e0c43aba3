import type { Pool } from 'pg';
import {
  CollectAvailabilityUseCase,
  CollectGamesUseCase,
  CollectorStateRepository,
  DEFAULT_POLL_TIERS,
  IngestApiClient,
  NbaStatsClient,
  OddsApiClient,
  parsePollTiers,
  PLAYER_PROP_MARKETS,
  PollOddsUseCase,
  SnapshotPublisher,
  UpstreamClient,
  type Clock,
  type RetryPolicy,
} from '..';
import { INGEST_KEY } from './ingestion-process';

/** The retry policy of the collector tests: a few retries, honouring Retry-After up to two minutes. */
export const TEST_RETRY_POLICY: RetryPolicy = { attempts: 3, backoffMs: 1_000, maxRetryAfterMs: 120_000, timeoutMs: 20_000 };

/** Where a test collector reads (the fake upstreams) and posts (the ingestion service or a proxy in front of it). */
export interface CollectorWiring {
  pool: Pool;
  clock: Clock;
  upstreamUrl: string;
  oddsKey: string;
  ingestionUrl: string;
  policy?: RetryPolicy;
}

/**
 * One collector process as the cron jobs wire it: fresh clients and use cases over the same database, so calling it
 * again is a restart (what a run left in the database is all the next one sees).
 */
export function collectorProcess(w: CollectorWiring) {
  const policy = w.policy ?? TEST_RETRY_POLICY;
  const state = new CollectorStateRepository(w.pool);
  const publisher = new SnapshotPublisher(state, new IngestApiClient(w.ingestionUrl, INGEST_KEY, w.clock, policy), w.clock);
  const oddsApi = new OddsApiClient(
    { baseUrl: w.upstreamUrl, apiKey: w.oddsKey, sport: 'basketball_nba', regions: 'us', propMarkets: PLAYER_PROP_MARKETS, gameMarkets: ['spreads', 'totals'] },
    w.clock,
    policy,
  );
  return {
    state,
    odds: new PollOddsUseCase(oddsApi, state, publisher, w.clock, { tiers: parsePollTiers(DEFAULT_POLL_TIERS), quotaReserve: 25 }),
    games: new CollectGamesUseCase(new NbaStatsClient(`${w.upstreamUrl}/stats`, w.clock, policy), state, publisher, w.clock, { backfillWindowDays: 2 }),
    availability: new CollectAvailabilityUseCase(new UpstreamClient(w.clock, {}, policy), state, publisher, w.clock, { urlTemplate: `${w.upstreamUrl}/injuries/{date}.csv` }),
  };
}
