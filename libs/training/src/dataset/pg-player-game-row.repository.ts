import type { StatType } from '@propcast/contracts';
import { decodeFeatureValues } from '@propcast/features';
import type { Pool } from 'pg';
import type { PlayerGameRowQuery, PlayerGameRows, PlayerGameRowSource } from './dataset.types';
import { PlayerGameRowsBuilder } from './player-game-rows.builder';

/** Season types a dataset includes unless asked otherwise (preseason minutes and rotations are not representative). */
export const DEFAULT_SEASON_TYPES: readonly string[] = Object.freeze(['REGULAR', 'PLAYIN', 'PLAYOFFS']);

interface FeatureRowRecord {
  id: string;
  player_id: number;
  game_id: string;
  game_date: string;
  values: Buffer;
  minutes: number;
  pts: number | null;
  reb: number | null;
  ast: number | null;
  fg3m: number | null;
}

const ROWS_SQL = `
SELECT fr.id::text AS id, fr.player_id, fr.game_id, to_char(fr.game_date, 'YYYY-MM-DD') AS game_date, fr.values,
       s.minutes, s.pts, s.reb, s.ast, s.fg3m
FROM feature_rows fr
JOIN player_game_stats s ON s.player_id = fr.player_id AND s.game_id = fr.game_id
JOIN games g ON g.id = fr.game_id
WHERE fr.feature_set_id = $1 AND fr.game_date BETWEEN $2::date AND $3::date
  AND s.game_date BETWEEN $2::date AND $3::date AND s.minutes > 0 AND NOT s.dnp
  AND g.game_date BETWEEN $2::date AND $3::date AND g.season_type = ANY($4::"SeasonType"[])
ORDER BY fr.game_date, fr.id`;

const COUNTS_SQL = `
SELECT to_char(game_date, 'YYYY-MM-DD') AS game_date, count(*)::int AS n
FROM feature_rows WHERE feature_set_id = $1 AND game_date BETWEEN $2::date AND $3::date
GROUP BY game_date ORDER BY game_date`;

// Latest line per (player, game, stat) captured strictly before the feature row's cutoff; books tied at that instant are averaged.
const LINES_SQL = `
WITH latest AS (
  SELECT pl.player_id, pl.game_id, pl.stat, max(pl.captured_at) AS captured_at
  FROM prop_lines pl
  JOIN feature_rows fr ON fr.feature_set_id = $1 AND fr.player_id = pl.player_id AND fr.game_id = pl.game_id
  WHERE pl.game_date BETWEEN $2::date AND $3::date AND pl.captured_at < fr.cutoff_at AND pl.is_main
  GROUP BY pl.player_id, pl.game_id, pl.stat
)
SELECT l.player_id, l.game_id, l.stat::text AS stat, avg(pl.line)::float8 AS line
FROM latest l
JOIN prop_lines pl ON pl.player_id = l.player_id AND pl.game_id = l.game_id AND pl.stat = l.stat AND pl.captured_at = l.captured_at AND pl.is_main
GROUP BY l.player_id, l.game_id, l.stat`;

/** Reads datasets from the feature store: feature_rows joined to player_game_stats (targets) and prop_lines, in chunks of whole dates. */
export class PgPlayerGameRowSource implements PlayerGameRowSource {
  constructor(
    private readonly pool: Pool,
    private readonly chunkRows = 20_000,
  ) {}

  /** Reads every played player-game of the query, ordered by game date then feature row id. */
  async read(query: PlayerGameRowQuery): Promise<PlayerGameRows> {
    const { featureSetId, featureNames, window } = query;
    const seasonTypes = [...(query.seasonTypes ?? DEFAULT_SEASON_TYPES)];
    const builder = new PlayerGameRowsBuilder(featureSetId, featureNames, window, this.chunkRows);
    for (const range of await this.dateRanges(featureSetId, window.from, window.to)) {
      const { rows } = await this.pool.query<FeatureRowRecord>(ROWS_SQL, [featureSetId, range.from, range.to, seasonTypes]);
      for (const r of rows) {
        builder.add({
          rowId: Number(r.id),
          playerId: r.player_id,
          gameId: r.game_id,
          gameDate: r.game_date,
          minutes: r.minutes,
          pts: r.pts,
          reb: r.reb,
          ast: r.ast,
          fg3m: r.fg3m,
          values: decodeFeatureValues(r.values, featureNames.length),
        });
      }
    }
    return builder.build(await this.readLines(featureSetId, window.from, window.to));
  }

  /** Consecutive date ranges of about `chunkRows` feature rows each (a date is never split). */
  private async dateRanges(featureSetId: string, from: string, to: string): Promise<{ from: string; to: string }[]> {
    const { rows } = await this.pool.query<{ game_date: string; n: number }>(COUNTS_SQL, [featureSetId, from, to]);
    const ranges: { from: string; to: string; n: number }[] = [];
    for (const r of rows) {
      const last = ranges[ranges.length - 1];
      if (last && last.n + r.n <= this.chunkRows) {
        last.to = r.game_date;
        last.n += r.n;
      } else ranges.push({ from: r.game_date, to: r.game_date, n: r.n });
    }
    return ranges;
  }

  private async readLines(featureSetId: string, from: string, to: string): Promise<Map<string, Partial<Record<StatType, number>>>> {
    const { rows } = await this.pool.query<{ player_id: number; game_id: string; stat: StatType; line: number }>(LINES_SQL, [featureSetId, from, to]);
    const out = new Map<string, Partial<Record<StatType, number>>>();
    for (const r of rows) {
      const key = `${r.player_id}:${r.game_id}`;
      out.set(key, { ...out.get(key), [r.stat]: r.line });
    }
    return out;
  }
}
