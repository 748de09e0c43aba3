import { easternDate } from '@propcast/ingestion';
import type { OddsApiEventOdds } from './odds-api.types';

/** One prop-line row in the columns POST /ingest/props reads (The Odds API names: player, market, bookmaker...). */
export interface PropLineRow {
  player: string;
  home_team: string;
  away_team: string;
  game_time: string;
  market: string;
  line: number;
  over_price: number | null;
  under_price: number | null;
  bookmaker: string;
  captured_at: string;
}

/** One game-line row in the columns POST /ingest/game-lines reads. */
export interface GameLineRow {
  game_date: string;
  home_team: string;
  away_team: string;
  book: string;
  home_spread: number | null;
  total: number | null;
  home_moneyline: number | null;
  away_moneyline: number | null;
  captured_at: string;
}

/** The over/under pairs of an event's player-prop markets, one row per book, market, player and line. */
export function propLineRows(event: OddsApiEventOdds, capturedAt: Date): PropLineRow[] {
  const rows: PropLineRow[] = [];
  for (const book of event.bookmakers ?? []) {
    for (const market of book.markets ?? []) {
      const pairs = new Map<string, { player: string; line: number; over: number | null; under: number | null }>();
      for (const o of market.outcomes ?? []) {
        if (!o.description || typeof o.point !== 'number') continue;
        const side = o.name.toLowerCase();
        if (side !== 'over' && side !== 'under') continue;
        const key = `${o.description}\u0001${o.point}`;
        const pair = pairs.get(key) ?? { player: o.description, line: o.point, over: null, under: null };
        pair[side] = o.price;
        pairs.set(key, pair);
      }
      for (const p of pairs.values()) {
        rows.push({
          player: p.player,
          home_team: event.home_team,
          away_team: event.away_team,
          game_time: event.commence_time,
          market: market.key,
          line: p.line,
          over_price: p.over,
          under_price: p.under,
          bookmaker: book.key,
          captured_at: capturedAt.toISOString(),
        });
      }
    }
  }
  return rows;
}

/** Spread (home team's points), total and moneylines of each book of each event. */
export function gameLineRows(events: readonly OddsApiEventOdds[], capturedAt: Date): GameLineRow[] {
  const rows: GameLineRow[] = [];
  for (const event of events) {
    for (const book of event.bookmakers ?? []) {
      const market = (key: string) => book.markets?.find((m) => m.key === key)?.outcomes ?? [];
      const homeSpread = market('spreads').find((o) => o.name === event.home_team)?.point ?? null;
      const total = market('totals').find((o) => o.name.toLowerCase() === 'over')?.point ?? null;
      const h2h = market('h2h');
      const homeMl = h2h.find((o) => o.name === event.home_team)?.price ?? null;
      const awayMl = h2h.find((o) => o.name === event.away_team)?.price ?? null;
      if (homeSpread === null && total === null && homeMl === null && awayMl === null) continue;
      rows.push({
        game_date: easternDate(new Date(event.commence_time)),
        home_team: event.home_team,
        away_team: event.away_team,
        book: book.key,
        home_spread: homeSpread,
        total,
        home_moneyline: homeMl,
        away_moneyline: awayMl,
        captured_at: capturedAt.toISOString(),
      });
    }
  }
  return rows;
}
