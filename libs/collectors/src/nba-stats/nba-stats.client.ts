import { DEFAULT_RETRY_POLICY, UpstreamClient, type RetryPolicy, type UpstreamResponse } from '../http/upstream-client';
import { UpstreamError } from '../http/collector-errors';
import type { Clock } from '../runtime/clock';

/**
 * Headers stats.nba.com wants: without a browser-like User-Agent, the nba.com Referer/Origin and the x-nba-stats-*
 * pair it stalls or answers 403 (the headers nba_api sends).
 */
export const NBA_STATS_HEADERS: Readonly<Record<string, string>> = {
  'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
  Referer: 'https://www.nba.com/',
  Origin: 'https://www.nba.com',
  Accept: 'application/json, text/plain, */*',
  'Accept-Language': 'en-US,en;q=0.9',
  'x-nba-stats-origin': 'stats',
  'x-nba-stats-token': 'true',
};

/** An nba_api document: `{resultSets: [{name, headers, rowSet}]}`. */
interface ResultSetsDocument {
  resultSets?: { name: string; headers: string[]; rowSet: unknown[][] }[];
}

/** The rows of the result set `name` as objects keyed by its headers; throws naming the URL when absent. */
export function resultSetRows(url: string, body: Buffer, name: string): Record<string, unknown>[] {
  let doc: ResultSetsDocument;
  try {
    doc = JSON.parse(body.toString('utf8')) as ResultSetsDocument;
  } catch (err) {
    throw new UpstreamError(url, 200, `the body is not JSON: ${(err as Error).message}`);
  }
  const set = doc.resultSets?.find((s) => s.name === name);
  if (!set || !Array.isArray(set.headers) || !Array.isArray(set.rowSet)) throw new UpstreamError(url, 200, `no result set ${name} in the answer`);
  return set.rowSet.map((row) => Object.fromEntries(set.headers.map((h, i) => [h, row[i]])));
}

/** US date YYYY-MM-DD as stats.nba.com's MM/DD/YYYY. */
function usDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${m}/${d}/${y}`;
}

/** stats.nba.com: ScoreboardV2, BoxScoreTraditionalV2 and LeagueGameFinder, with the headers they need and retries. */
export class NbaStatsClient {
  private readonly http: UpstreamClient;

  constructor(
    private readonly baseUrl: string,
    clock: Clock,
    policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {
    this.http = new UpstreamClient(clock, { ...NBA_STATS_HEADERS }, policy);
  }

  /** GET scoreboardv2?GameDate=: the games of a date (result set GameHeader). */
  async scoreboard(date: string): Promise<{ response: UpstreamResponse; games: Record<string, unknown>[] }> {
    const response = await this.http.get(this.url('scoreboardv2', { GameDate: date, LeagueID: '00', DayOffset: '0' }));
    return { response, games: resultSetRows(response.url, response.body, 'GameHeader') };
  }

  /** GET boxscoretraditionalv2?GameID=: the game's player lines (result set PlayerStats), as served. */
  async boxScore(gameId: string): Promise<{ response: UpstreamResponse; players: number }> {
    const response = await this.http.get(this.url('boxscoretraditionalv2', { GameID: gameId, StartPeriod: '0', EndPeriod: '10', StartRange: '0', EndRange: '28800', RangeType: '0' }));
    return { response, players: resultSetRows(response.url, response.body, 'PlayerStats').length };
  }

  /** GET leaguegamefinder (teams, NBA) between two dates: two rows per game (result set LeagueGameFinderResults). */
  async leagueGameFinder(from: string, to: string): Promise<{ response: UpstreamResponse; rows: Record<string, unknown>[] }> {
    const response = await this.http.get(this.url('leaguegamefinder', { PlayerOrTeam: 'T', LeagueID: '00', DateFrom: usDate(from), DateTo: usDate(to) }));
    return { response, rows: resultSetRows(response.url, response.body, 'LeagueGameFinderResults') };
  }

  private url(endpoint: string, params: Record<string, string>): string {
    return `${this.baseUrl.replace(/\/+$/, '')}/${endpoint}?${new URLSearchParams(params).toString()}`;
  }
}
