import type { StatType } from '@propcast/contracts';
import type { BookQuote } from '@propcast/prediction';
import type { Queryable } from '../sql';

/** Where pricing finds every book's quotes of a prop (the other books' consensus is built from them). */
export interface BookQuoteSource {
  /** Main-line quotes of the given players' props of a stat on a date captured before `before`, keyed `playerId|gameId`. */
  forProps(db: Queryable, gameDate: string, stat: StatType, playerIds: readonly number[], before: Date): Promise<Map<string, BookQuote[]>>;
}

/** Key of a prop in {@link BookQuoteSource.forProps}' map. */
export function quoteKey(playerId: number, gameId: string): string {
  return `${playerId}|${gameId}`;
}

/** Reads prop_lines: each book's main lines (alternates are not a book's view of the prop). Stateless: runs on the pool or the caller's transaction. */
export class BookQuoteRepository implements BookQuoteSource {
  async forProps(db: Queryable, gameDate: string, stat: StatType, playerIds: readonly number[], before: Date): Promise<Map<string, BookQuote[]>> {
    const out = new Map<string, BookQuote[]>();
    if (playerIds.length === 0) return out;
    const r = await db.query<[number, string, string, number, number | null, number | null, Date]>({
      text: `SELECT player_id, game_id, book, line, over_price, under_price, captured_at FROM prop_lines
              WHERE game_date = $1::date AND stat = $2::"StatType" AND player_id = ANY($3::int[]) AND is_main AND captured_at < ($4::timestamptz AT TIME ZONE 'UTC')`,
      values: [gameDate, stat, playerIds, before.toISOString()],
      rowMode: 'array',
    });
    for (const [playerId, gameId, book, line, overPrice, underPrice, capturedAt] of r.rows) {
      const key = quoteKey(playerId, gameId);
      const quote = { book, line, overPrice, underPrice, capturedAt };
      const list = out.get(key);
      if (list) list.push(quote);
      else out.set(key, [quote]);
    }
    return out;
  }
}
