/** The Odds API v4 shapes Propcast reads (https://the-odds-api.com/liveapi/guides/v4/). */

/** GET /v4/sports/{sport}/events: one event. */
export interface OddsApiEvent {
  id: string;
  sport_key: string;
  commence_time: string;
  home_team: string;
  away_team: string;
}

export interface OddsApiOutcome {
  /** "Over" / "Under" for totals and player props, a team name for spreads and h2h. */
  name: string;
  /** The player of a player-prop outcome. */
  description?: string;
  price: number;
  point?: number;
}

export interface OddsApiMarket {
  key: string;
  last_update?: string;
  outcomes: OddsApiOutcome[];
}

export interface OddsApiBookmaker {
  key: string;
  title?: string;
  last_update?: string;
  markets: OddsApiMarket[];
}

/** GET /v4/sports/{sport}/events/{eventId}/odds (one event) and each element of GET /v4/sports/{sport}/odds. */
export interface OddsApiEventOdds extends OddsApiEvent {
  bookmakers: OddsApiBookmaker[];
}

/** Quota headers The Odds API sends on every answer. */
export interface OddsQuota {
  remaining: number | null;
  used: number | null;
  last: number | null;
}
