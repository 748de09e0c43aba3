import { CommonEnv, envVar } from '@propcast/config';
import { z } from 'zod';
import { PLAYER_PROP_MARKETS } from '../odds/odds-api.client';
import { DEFAULT_POLL_TIERS, parsePollTiers } from '../odds/poll-schedule';

const httpUrl = z.string().refine((s) => {
  try {
    return ['http:', 'https:'].includes(new URL(s).protocol);
  } catch {
    return false;
  }
}, 'must be an http(s) URL');
const list = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x.length > 0),
  )
  .refine((l) => l.length > 0, 'must list at least one value');

/** What every collector reads: the database (cursors, snapshots, status) and the ingestion API it writes through. */
export const CollectorCommonEnv = {
  DATABASE_URL: CommonEnv.DATABASE_URL,
  INGESTION_URL: envVar(httpUrl, 'base URL of the ingestion service the collectors post to (POST /ingest/*)', { default: 'http://127.0.0.1:3001' }),
  INGESTION_API_KEY: envVar(
    z.string().min(16, 'must be a write key of the ingestion service (16+ characters)'),
    "write API key (the secret of one of the ingestion service's API_KEYS) the collectors post with (Kubernetes: Secret propcast-secrets, key COLLECTOR_INGESTION_API_KEY)",
    { sensitive: true },
  ),
  COLLECT_INTERVAL_SECONDS: envVar(z.coerce.number().int().min(10), 'without --once: seconds between runs of a collector', { default: '60' }),
  COLLECT_MAX_RETRY_AFTER_SECONDS: envVar(z.coerce.number().int().min(0), 'longest Retry-After (429) a request waits out; longer ends the run, the next one resumes', { default: '120' }),
  COLLECT_HTTP_TIMEOUT_MS: envVar(z.coerce.number().int().min(100), 'timeout of one upstream request', { default: '30000' }),
  COLLECT_HTTP_ATTEMPTS: envVar(z.coerce.number().int().min(1).max(10), 'attempts of one upstream request (network errors, 5xx, 429)', { default: '4' }),
  COLLECT_HTTP_BACKOFF_MS: envVar(z.coerce.number().int().min(0), 'first backoff after a network error or 5xx (doubled each attempt)', { default: '1000' }),
};

/** The odds poller (The Odds API v4). */
export const OddsCollectorEnv = {
  ODDS_API_KEY: envVar(z.string().min(1), 'The Odds API key (Kubernetes: Secret propcast-secrets, key ODDS_API_KEY)', { sensitive: true }),
  ODDS_API_BASE_URL: envVar(httpUrl, 'base URL of The Odds API', { default: 'https://api.the-odds-api.com' }),
  ODDS_SPORT: envVar(z.string().regex(/^[a-z0-9_]+$/), 'sport key of the events', { default: 'basketball_nba' }),
  ODDS_REGIONS: envVar(z.string().regex(/^[a-z0-9_]+(,[a-z0-9_]+)*$/), 'bookmaker regions asked for (each region multiplies the credits a request costs)', { default: 'us' }),
  ODDS_PROP_MARKETS: envVar(list, 'player-prop markets asked for per event', { default: PLAYER_PROP_MARKETS.join(',') }),
  ODDS_GAME_MARKETS: envVar(list, 'game markets asked for (spreads, totals; add h2h for moneylines)', { default: 'spreads,totals' }),
  ODDS_QUOTA_RESERVE: envVar(z.coerce.number().int().min(0), 'request credits left untouched: polling stops when x-requests-remaining would fall below it', { default: '25' }),
  ODDS_POLL_TIERS: envVar(
    z.string().transform((s, ctx) => {
      try {
        return parsePollTiers(s);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    }),
    'polling density, within:every in minutes before tip-off (default: every 5 min in the last hour ... every 3 h within 36 h)',
    { default: DEFAULT_POLL_TIERS },
  ),
};

/** The box-score and schedule collector (stats.nba.com). */
export const GamesCollectorEnv = {
  NBA_STATS_BASE_URL: envVar(httpUrl, 'base URL of the NBA stats endpoints (scoreboardv2, boxscoretraditionalv2, leaguegamefinder)', { default: 'https://stats.nba.com/stats' }),
  NBA_STATS_BACKFILL_WINDOW_DAYS: envVar(z.coerce.number().int().min(1).max(366), 'days per LeagueGameFinder request of a backfill', { default: '30' }),
};

/** The injury-report collector. */
export const AvailabilityCollectorEnv = {
  AVAILABILITY_REPORT_URL: envVar(httpUrl, 'URL of the injury report in CSV form; {date} becomes the US Eastern date (YYYY-MM-DD)'),
};
