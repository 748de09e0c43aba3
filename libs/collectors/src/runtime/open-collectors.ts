import { loadConfig, type ConfigOf } from '@propcast/config';
import { createPgPool } from '@propcast/db';
import type { Pool } from 'pg';
import { CollectAvailabilityUseCase } from '../availability/collect-availability.usecase';
import { UpstreamClient, type RetryPolicy } from '../http/upstream-client';
import { IngestApiClient } from '../ingest/ingest-api.client';
import { SnapshotPublisher } from '../ingest/snapshot-publisher';
import { CollectGamesUseCase } from '../nba-stats/collect-games.usecase';
import { NbaStatsClient } from '../nba-stats/nba-stats.client';
import { OddsApiClient } from '../odds/odds-api.client';
import { PollOddsUseCase } from '../odds/poll-odds.usecase';
import { CollectorStateRepository } from '../state/collector-state.repository';
import { SYSTEM_CLOCK, type Clock } from './clock';
import type { CollectorLog } from './collector-log';
import { AvailabilityCollectorEnv, CollectorCommonEnv, GamesCollectorEnv, OddsCollectorEnv } from './collectors.env';

/** A collector's shared parts: database pool, state, publisher and clock. */
export interface CollectorBase {
  config: ConfigOf<typeof CollectorCommonEnv>;
  pool: Pool;
  state: CollectorStateRepository;
  publisher: SnapshotPublisher;
  policy: RetryPolicy;
  clock: Clock;
  close(): Promise<void>;
}

/** Opens what every collector needs from the environment (throws a one-line ConfigError naming a bad variable). */
export function openCollectorBase(env: NodeJS.ProcessEnv = process.env, clock: Clock = SYSTEM_CLOCK): CollectorBase {
  const config = loadConfig(CollectorCommonEnv, env);
  const pool = createPgPool(config.DATABASE_URL, 2);
  const state = new CollectorStateRepository(pool);
  const policy: RetryPolicy = {
    attempts: config.COLLECT_HTTP_ATTEMPTS,
    backoffMs: config.COLLECT_HTTP_BACKOFF_MS,
    maxRetryAfterMs: config.COLLECT_MAX_RETRY_AFTER_SECONDS * 1000,
    timeoutMs: config.COLLECT_HTTP_TIMEOUT_MS,
  };
  const publisher = new SnapshotPublisher(state, new IngestApiClient(config.INGESTION_URL, config.INGESTION_API_KEY, clock, policy), clock);
  return { config, pool, state, publisher, policy, clock, close: () => pool.end() };
}

/** The odds poller wired from the environment. */
export function openOddsCollector(base: CollectorBase, log?: CollectorLog, env: NodeJS.ProcessEnv = process.env): PollOddsUseCase {
  const c = loadConfig(OddsCollectorEnv, env);
  const odds = new OddsApiClient(
    { baseUrl: c.ODDS_API_BASE_URL, apiKey: c.ODDS_API_KEY, sport: c.ODDS_SPORT, regions: c.ODDS_REGIONS, propMarkets: c.ODDS_PROP_MARKETS, gameMarkets: c.ODDS_GAME_MARKETS },
    base.clock,
    base.policy,
  );
  return new PollOddsUseCase(odds, base.state, base.publisher, base.clock, { tiers: c.ODDS_POLL_TIERS, quotaReserve: c.ODDS_QUOTA_RESERVE }, log);
}

/** The games collector wired from the environment. */
export function openGamesCollector(base: CollectorBase, log?: CollectorLog, env: NodeJS.ProcessEnv = process.env): CollectGamesUseCase {
  const c = loadConfig(GamesCollectorEnv, env);
  return new CollectGamesUseCase(
    new NbaStatsClient(c.NBA_STATS_BASE_URL, base.clock, base.policy),
    base.state,
    base.publisher,
    base.clock,
    { backfillWindowDays: c.NBA_STATS_BACKFILL_WINDOW_DAYS },
    log,
  );
}

/** The injury-report collector wired from the environment. */
export function openAvailabilityCollector(base: CollectorBase, log?: CollectorLog, env: NodeJS.ProcessEnv = process.env): CollectAvailabilityUseCase {
  const c = loadConfig(AvailabilityCollectorEnv, env);
  return new CollectAvailabilityUseCase(new UpstreamClient(base.clock, { accept: 'text/csv' }, base.policy), base.state, base.publisher, base.clock, { urlTemplate: c.AVAILABILITY_REPORT_URL }, log);
}
