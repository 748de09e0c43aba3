import type { StatType } from '@propcast/contracts';
import { isoColumn, type Queryable } from '../sql';
import type { SlateEntry, SlateLine } from './build-jobs';

/** What a batch predicts: a date, its feature set, the stats, and optionally only some players. */
export interface SlateQuery {
  gameDate: string;
  featureSetId: string;
  stats: readonly StatType[];
  /** Empty = every player of the slate. */
  playerIds: readonly number[];
}

/** Reads a date's slate: players with a scheduled game and a feature row, and the latest line per book. */
export class SlateRepository {
  /** (player, game) pairs with a SCHEDULED game on the date and a feature row in the feature set. */
  async entries(db: Queryable, q: SlateQuery): Promise<SlateEntry[]> {
    const r = await db.query<[number, string]>({
      text: `SELECT fr.player_id, fr.game_id
               FROM feature_rows fr JOIN games g ON g.id = fr.game_id
              WHERE fr.feature_set_id = $1 AND fr.game_date = $2 AND g.status = 'SCHEDULED'
                AND (cardinality($3::int[]) = 0 OR fr.player_id = ANY($3::int[]))
              ORDER BY fr.player_id, fr.game_id`,
      values: [q.featureSetId, q.gameDate, q.playerIds],
      rowMode: 'array',
    });
    return r.rows.map(([playerId, gameId]) => ({ playerId, gameId }));
  }

  /** The latest line (by captured_at) of every (player, game, stat, book) on the date, for the stats asked. */
  async latestLines(db: Queryable, q: SlateQuery): Promise<SlateLine[]> {
    const r = await db.query<[number, string, StatType, string, number, number | null, number | null, string]>({
      text: `SELECT DISTINCT ON (player_id, game_id, stat, book)
                    player_id, game_id, stat, book, line, over_price, under_price,
                    ${isoColumn('captured_at')}
               FROM prop_lines
              WHERE game_date = $1 AND stat = ANY($2::"StatType"[]) AND is_main
                AND (cardinality($3::int[]) = 0 OR player_id = ANY($3::int[]))
              ORDER BY player_id, game_id, stat, book, captured_at DESC`,
      values: [q.gameDate, q.stats, q.playerIds],
      rowMode: 'array',
    });
    return r.rows.map(([playerId, gameId, stat, book, line, overPrice, underPrice, capturedAt]) => ({
      playerId,
      gameId,
      stat,
      book,
      line,
      overPrice,
      underPrice,
      capturedAt,
    }));
  }
}
