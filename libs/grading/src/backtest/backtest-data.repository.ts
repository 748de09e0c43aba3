import type { Pool } from 'pg';
import { GameDate } from '@propcast/common';
import { ALL_STATS, type StatType } from '@propcast/contracts';
import { decodeFeatureValues } from '@propcast/features';
import { statValue } from '../shared/stats';
import type { LineSnapshot } from './line-selection';

/** One player-game of the backtest: its stored feature vector and what happened. */
export interface BacktestRow {
  date: string;
  gameId: string;
  playerId: number;
  cutoffAt: Date;
  tipoffAt: Date | null;
  values: Float32Array;
  /** Whether the player played (false: a bet on him is void). */
  played: boolean;
  /** Realised value per stat; null when he did not play or the box score lacks it. */
  actuals: Record<StatType, number | null>;
  /** Minutes played; null when he did not play (the target of the walk-forward minutes model). */
  minutes: number | null;
}

/** Reads what a backtest replays: feature rows with box scores, and prop-line snapshots. */
export class BacktestDataRepository {
  constructor(private readonly pool: Pool) {}

  /**
   * Feature rows of the set dated [from, to] whose player has a box-score row (DNP included), in games of the given
   * season types, ordered by date, game and player; read in date chunks of `chunkDays`.
   */
  async rows(featureSetId: string, width: number, from: string, to: string, seasonTypes: readonly string[], chunkDays = 60): Promise<BacktestRow[]> {
    const out: BacktestRow[] = [];
    for (let start = from; start <= to; start = GameDate.addDays(start, chunkDays)) {
      const end = GameDate.addDays(start, chunkDays - 1) < to ? GameDate.addDays(start, chunkDays - 1) : to;
      const r = await this.pool.query<[string, string, number, Date, Date | null, Buffer, boolean, number, number | null, number | null, number | null, number | null]>({
        text: `SELECT f.game_date, f.game_id, f.player_id, f.cutoff_at, g.tipoff_at, f."values", s.dnp, s.minutes, s.pts, s.reb, s.ast, s.fg3m
                 FROM feature_rows f
                 JOIN games g ON g.id = f.game_id
                 JOIN player_game_stats s ON s.player_id = f.player_id AND s.game_id = f.game_id
                WHERE f.feature_set_id = $1 AND f.game_date BETWEEN $2 AND $3 AND g.season_type::text = ANY($4)
                ORDER BY f.game_date, f.game_id, f.player_id`,
        values: [featureSetId, start, end, seasonTypes],
        rowMode: 'array',
      });
      for (const [date, gameId, playerId, cutoffAt, tipoffAt, bytes, dnp, minutes, pts, reb, ast, fg3m] of r.rows) {
        const played = !dnp && minutes > 0;
        const box = { pts, reb, ast, fg3m };
        const actuals = Object.fromEntries(ALL_STATS.map((s) => [s, played ? statValue(s, box) : null])) as Record<StatType, number | null>;
        out.push({ date, gameId, playerId, cutoffAt, tipoffAt, values: decodeFeatureValues(bytes, width), played, actuals, minutes: played ? minutes : null });
      }
    }
    return out;
  }

  /** Prop-line snapshots of games dated [from, to], keyed `playerId:gameId:stat`: each book's main line, or every line with `withAlternates`. */
  async lines(from: string, to: string, opts: { withAlternates?: boolean } = {}): Promise<Map<string, LineSnapshot[]>> {
    const r = await this.pool.query<[number, string, StatType, number, number | null, number | null, string, Date]>({
      text: `SELECT player_id, game_id, stat, line, over_price, under_price, book, captured_at FROM prop_lines
              WHERE game_date BETWEEN $1 AND $2 AND (is_main OR $3) ORDER BY captured_at, book`,
      values: [from, to, opts.withAlternates === true],
      rowMode: 'array',
    });
    const out = new Map<string, LineSnapshot[]>();
    for (const [playerId, gameId, stat, line, overPrice, underPrice, book, capturedAt] of r.rows) {
      const key = lineKey(playerId, gameId, stat);
      const list = out.get(key);
      const snapshot = { book, line, overPrice, underPrice, capturedAt };
      if (list) list.push(snapshot);
      else out.set(key, [snapshot]);
    }
    return out;
  }
}

/** Key of a prop in the lines map. */
export function lineKey(playerId: number, gameId: string, stat: StatType): string {
  return `${playerId}:${gameId}:${stat}`;
}
