import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { OddsApiBookmaker, OddsApiEvent } from '..';

/** The shared real datasets: PROPCAST_SHARED_DATA, else the nearest shared/data above the workspace (a checkout or a work tree). */
export const DATA_DIR =
  process.env['PROPCAST_SHARED_DATA'] ??
  [resolve(__dirname, '../../../../../shared/data'), resolve(__dirname, '../../../../../../shared/data')].find((d) => existsSync(d)) ??
  resolve(__dirname, '../../../../../shared/data');

/** A request the fake upstreams received. */
export interface SeenRequest {
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  status: number;
}

/** An answer to serve instead of the normal one (errors, 429 with Retry-After). */
export interface InjectedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** An event of the fake Odds API: its bookmakers' markets are computed at request time (lines move with the clock). */
export interface FakeOddsEvent extends OddsApiEvent {
  bookmakers: (now: Date) => OddsApiBookmaker[];
  gameLines: (now: Date) => OddsApiBookmaker[];
}

/** nba_api-style CSV (first column an unnamed index) as {headers, rowSet} with numbers where the text is one. */
function csvResultSet(text: string, keep: (row: Record<string, string>) => boolean = () => true): { headers: string[]; rowSet: unknown[][] } {
  const [header, ...lines] = text.trim().split('\n');
  const all = header.split(',');
  const skipIndex = all[0] === '';
  const headers = skipIndex ? all.slice(1) : all;
  const rowSet: unknown[][] = [];
  for (const line of lines) {
    const values = line.split(',').slice(skipIndex ? 1 : 0);
    const row = Object.fromEntries(headers.map((h, i) => [h, values[i]]));
    if (!keep(row)) continue;
    rowSet.push(values.map((v, i) => (headers[i].endsWith('_ID') && headers[i] !== 'TEAM_ID' && headers[i] !== 'PLAYER_ID' ? v : v === '' ? null : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v)));
  }
  return { headers, rowSet };
}

/**
 * The test's own upstreams on one local port: The Odds API v4 (/v4/sports/basketball_nba/...), stats.nba.com
 * (/stats/scoreboardv2, /stats/boxscoretraditionalv2, /stats/leaguegamefinder) and an injury-report CSV folder
 * (/injuries/<date>.csv), serving each API's documented shape from the real 2018-19 box scores and schedule.
 */
export class FakeUpstreams {
  readonly seen: SeenRequest[] = [];
  readonly oddsKey = 'test-odds-key-123';
  quotaRemaining = 10_000;
  quotaUsed = 0;
  events: FakeOddsEvent[] = [];
  /** Game id → scoreboard status (1 scheduled, 3 final) and status text. */
  readonly status = new Map<string, { id: number; text: string }>();
  readonly injuryReports = new Map<string, { body: string; lastModified?: string }>();
  private readonly injected: { prefix: string; query: Record<string, string>; answers: InjectedAnswer[] }[] = [];
  private readonly finder: { headers: string[]; rowSet: unknown[][] };
  private server!: Server;
  url = '';

  constructor(
    private readonly now: () => Date,
    readonly gameIds: readonly string[],
  ) {
    const schedule = gunzipSync(readFileSync(join(DATA_DIR, 'formats/schedules/nba_games_2018_19.csv.gz'))).toString('utf8');
    this.finder = csvResultSet(schedule, (r) => gameIds.includes(r['GAME_ID']));
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const answer = this.answer(url, req.headers);
      this.seen.push({ path: url.pathname, query: url.searchParams, headers: req.headers, status: answer.status });
      res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json', ...answer.headers });
      res.end(answer.body);
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  /** The next `answers.length` requests whose path starts with `prefix` (and whose query has `query`) get these answers. */
  inject(prefix: string, query: Record<string, string>, ...answers: InjectedAnswer[]): void {
    this.injected.push({ prefix, query, answers });
  }

  /** Requests seen whose path starts with `prefix`. */
  requests(prefix: string): SeenRequest[] {
    return this.seen.filter((r) => r.path.startsWith(prefix));
  }

  /** LeagueGameFinder rows (objects) of the served games. */
  finderRows(): Record<string, unknown>[] {
    return this.finder.rowSet.map((row) => Object.fromEntries(this.finder.headers.map((h, i) => [h, row[i]])));
  }

  private answer(url: URL, headers: IncomingHttpHeaders): { status: number; body: string; headers?: Record<string, string>; contentType?: string } {
    const injected = this.injected.find((i) => url.pathname.startsWith(i.prefix) && i.answers.length > 0 && Object.entries(i.query).every(([k, v]) => url.searchParams.get(k) === v));
    if (injected) {
      const a = injected.answers.shift() as InjectedAnswer;
      return { status: a.status, body: a.body ?? JSON.stringify({ message: `injected ${a.status}` }), headers: { ...(url.pathname.startsWith('/v4') ? this.quotaHeaders(0) : {}), ...a.headers } };
    }
    if (url.pathname.startsWith('/v4/')) return this.odds(url);
    if (url.pathname.startsWith('/stats/')) return this.stats(url, headers);
    const injury = /^\/injuries\/(\d{4}-\d{2}-\d{2})\.csv$/.exec(url.pathname);
    if (injury) {
      const report = this.injuryReports.get(injury[1]);
      if (!report) return { status: 404, body: 'Not Found', contentType: 'text/plain' };
      return { status: 200, body: report.body, contentType: 'text/csv', headers: report.lastModified ? { 'last-modified': report.lastModified } : {} };
    }
    return { status: 404, body: '{}' };
  }

  private quotaHeaders(cost: number): Record<string, string> {
    this.quotaRemaining -= cost;
    this.quotaUsed += cost;
    return { 'x-requests-remaining': String(this.quotaRemaining), 'x-requests-used': String(this.quotaUsed), 'x-requests-last': String(cost) };
  }

  /** The Odds API v4: 401 without the key; cost = markets × regions (the events list is free). */
  private odds(url: URL) {
    if (url.searchParams.get('apiKey') !== this.oddsKey) return { status: 401, body: JSON.stringify({ message: 'API key is missing or invalid', error_code: 'INVALID_KEY' }) };
    const cost = (url.searchParams.get('markets') ?? '').split(',').filter(Boolean).length * (url.searchParams.get('regions') ?? '').split(',').filter(Boolean).length;
    const now = this.now();
    const base = '/v4/sports/basketball_nba';
    const summary = (e: FakeOddsEvent): OddsApiEvent => ({ id: e.id, sport_key: e.sport_key, commence_time: e.commence_time, home_team: e.home_team, away_team: e.away_team });
    if (url.pathname === `${base}/events`) return { status: 200, body: JSON.stringify(this.events.map(summary)), headers: this.quotaHeaders(0) };
    if (url.pathname === `${base}/odds`) {
      const live = this.events.filter((e) => new Date(e.commence_time) > new Date(now.getTime() - 3 * 3_600_000));
      return { status: 200, body: JSON.stringify(live.map((e) => ({ ...summary(e), bookmakers: e.gameLines(now) }))), headers: this.quotaHeaders(cost) };
    }
    const m = /^\/v4\/sports\/basketball_nba\/events\/([^/]+)\/odds$/.exec(url.pathname);
    const event = m && this.events.find((e) => e.id === m[1]);
    if (!event) return { status: 404, body: JSON.stringify({ message: 'Event not found. The event may have expired or the event id is invalid.', error_code: 'EVENT_NOT_FOUND' }) };
    const markets = new Set((url.searchParams.get('markets') ?? '').split(','));
    const bookmakers = event.bookmakers(now).map((b) => ({ ...b, markets: b.markets.filter((mk) => markets.has(mk.key)) }));
    return { status: 200, body: JSON.stringify({ ...summary(event), bookmakers }), headers: this.quotaHeaders(cost) };
  }

  /** stats.nba.com: 403 without the headers it wants. */
  private stats(url: URL, headers: IncomingHttpHeaders) {
    if (
      headers['x-nba-stats-token'] !== 'true' ||
      headers['x-nba-stats-origin'] !== 'stats' ||
      !String(headers['referer'] ?? '').includes('nba.com') ||
      !String(headers['user-agent'] ?? '').startsWith('Mozilla')
    ) {
      return { status: 403, body: 'Access Denied', contentType: 'text/html' };
    }
    const doc = (resource: string, sets: { name: string; headers: string[]; rowSet: unknown[][] }[]) => ({
      status: 200,
      body: JSON.stringify({ resource, parameters: Object.fromEntries(url.searchParams), resultSets: sets }),
    });
    const rows = this.finderRows();
    if (url.pathname === '/stats/leaguegamefinder') {
      const us = (d: string | null) => (d ? `${d.slice(6, 10)}-${d.slice(0, 2)}-${d.slice(3, 5)}` : '');
      const [from, to] = [us(url.searchParams.get('DateFrom')), us(url.searchParams.get('DateTo'))];
      const dateCol = this.finder.headers.indexOf('GAME_DATE');
      return doc('leaguegamefinder', [
        { name: 'LeagueGameFinderResults', headers: this.finder.headers, rowSet: this.finder.rowSet.filter((r) => String(r[dateCol]) >= from && String(r[dateCol]) <= to) },
      ]);
    }
    if (url.pathname === '/stats/scoreboardv2') {
      const date = url.searchParams.get('GameDate') ?? '';
      const games = [...new Set(rows.filter((r) => r['GAME_DATE'] === date).map((r) => String(r['GAME_ID'])))].sort();
      const header = ['GAME_DATE_EST', 'GAME_SEQUENCE', 'GAME_ID', 'GAME_STATUS_ID', 'GAME_STATUS_TEXT', 'GAMECODE', 'HOME_TEAM_ID', 'VISITOR_TEAM_ID', 'SEASON'];
      const rowSet = games.map((id, i) => {
        const home = rows.find((r) => r['GAME_ID'] === id && String(r['MATCHUP']).includes('vs.')) as Record<string, unknown>;
        const away = rows.find((r) => r['GAME_ID'] === id && String(r['MATCHUP']).includes('@')) as Record<string, unknown>;
        const status = this.status.get(id) ?? { id: 3, text: 'Final' };
        return [
          `${date}T00:00:00`,
          i + 1,
          id,
          status.id,
          status.text,
          `${date.replaceAll('-', '')}/${away['TEAM_ABBREVIATION']}${home['TEAM_ABBREVIATION']}`,
          home['TEAM_ID'],
          away['TEAM_ID'],
          '2018',
        ];
      });
      return doc('scoreboardV2', [
        { name: 'GameHeader', headers: header, rowSet },
        { name: 'LineScore', headers: ['GAME_ID', 'TEAM_ID', 'PTS'], rowSet: [] },
      ]);
    }
    if (url.pathname === '/stats/boxscoretraditionalv2') {
      const id = url.searchParams.get('GameID') ?? '';
      if (!this.gameIds.includes(id)) return { status: 400, body: 'GameID is invalid', contentType: 'text/plain' };
      const players = csvResultSet(readFileSync(join(DATA_DIR, 'formats/nba_api_boxscore_traditional_v2', `${id}.csv`), 'utf8'));
      return doc('boxscore', [
        { name: 'PlayerStats', ...players },
        { name: 'TeamStats', headers: ['GAME_ID', 'TEAM_ID', 'PTS'], rowSet: [] },
        { name: 'TeamStarterBenchStats', headers: ['GAME_ID', 'TEAM_ID'], rowSet: [] },
      ]);
    }
    return { status: 404, body: '{}' };
  }
}
