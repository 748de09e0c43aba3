import { DEFAULT_RETRY_POLICY, UpstreamClient, type RetryPolicy, type UpstreamResponse } from '../http/upstream-client';
import { UpstreamError } from '../http/collector-errors';
import type { Clock } from '../runtime/clock';
import type { OddsApiEvent, OddsApiEventOdds, OddsQuota } from './odds-api.types';

/** The player-prop markets Propcast predicts, as The Odds API names them. */
export const PLAYER_PROP_MARKETS = ['player_points', 'player_rebounds', 'player_assists', 'player_threes', 'player_points_rebounds_assists'] as const;

/** Settings of The Odds API client. */
export interface OddsApiSettings {
  baseUrl: string;
  apiKey: string;
  sport: string;
  regions: string;
  propMarkets: readonly string[];
  gameMarkets: readonly string[];
}

/** The Odds API v4: events, one event's player props, and game lines; remembers the quota headers of the last answer. */
export class OddsApiClient {
  private readonly http: UpstreamClient;
  readonly quota: OddsQuota = { remaining: null, used: null, last: null };

  constructor(
    private readonly settings: OddsApiSettings,
    clock: Clock,
    policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {
    this.http = new UpstreamClient(clock, { accept: 'application/json' }, policy, (res) => this.readQuota(res));
  }

  /** Credits one event's prop request costs: markets × regions. */
  get propRequestCost(): number {
    return this.settings.propMarkets.length * this.settings.regions.split(',').length;
  }

  /** Credits the game-lines request costs: markets × regions. */
  get gameRequestCost(): number {
    return this.settings.gameMarkets.length * this.settings.regions.split(',').length;
  }

  /** GET /v4/sports/{sport}/events: upcoming and live events (costs no credit). */
  async events(): Promise<{ url: string; events: OddsApiEvent[] }> {
    const url = this.url(`/events`, {});
    const { json } = await this.http.getJson<unknown>(url);
    if (!Array.isArray(json)) throw new UpstreamError(url, 200, 'expected an array of events');
    return { url, events: json as OddsApiEvent[] };
  }

  /** GET /v4/sports/{sport}/events/{eventId}/odds with the player-prop markets, American odds. */
  async eventOdds(eventId: string): Promise<{ url: string; odds: OddsApiEventOdds }> {
    const url = this.url(`/events/${encodeURIComponent(eventId)}/odds`, { regions: this.settings.regions, markets: this.settings.propMarkets.join(','), oddsFormat: 'american' });
    const { json } = await this.http.getJson<OddsApiEventOdds>(url);
    if (!json || typeof json !== 'object' || !Array.isArray(json.bookmakers)) throw new UpstreamError(url, 200, 'expected an event with bookmakers');
    return { url, odds: json };
  }

  /** GET /v4/sports/{sport}/odds with the game markets (spreads, totals), American odds. */
  async gameOdds(): Promise<{ url: string; odds: OddsApiEventOdds[] }> {
    const url = this.url(`/odds`, { regions: this.settings.regions, markets: this.settings.gameMarkets.join(','), oddsFormat: 'american' });
    const { json } = await this.http.getJson<unknown>(url);
    if (!Array.isArray(json)) throw new UpstreamError(url, 200, 'expected an array of events with bookmakers');
    return { url, odds: json as OddsApiEventOdds[] };
  }

  private url(path: string, params: Record<string, string>): string {
    const q = new URLSearchParams({ apiKey: this.settings.apiKey, ...params });
    return `${this.settings.baseUrl.replace(/\/+$/, '')}/v4/sports/${this.settings.sport}${path}?${q.toString()}`;
  }

  private readQuota(res: UpstreamResponse): void {
    const n = (name: string) => {
      const v = res.headers.get(name);
      return v === null || v === '' || !Number.isFinite(Number(v)) ? null : Number(v);
    };
    this.quota.remaining = n('x-requests-remaining') ?? this.quota.remaining;
    this.quota.used = n('x-requests-used') ?? this.quota.used;
    this.quota.last = n('x-requests-last') ?? this.quota.last;
  }
}
