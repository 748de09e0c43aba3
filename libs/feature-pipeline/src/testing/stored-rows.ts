import type { Pool } from 'pg';

/** A stored feature row as tests compare them. */
export interface StoredRowSnapshot {
  key: string;
  gameDate: string;
  hex: string;
  cutoffAt: string;
  id: string;
  computedAt: string;
}

/** Every feature row of a set keyed by `playerId:gameId`, with its id and computed_at (to tell rewritten rows). */
export async function storedRows(pool: Pool, featureSetId = 'player-props@v1'): Promise<Map<string, StoredRowSnapshot>> {
  const r = await pool.query<{ player_id: number; game_id: string; game_date: string; hex: string; cutoff: string; id: string; computed: string }>(
    `SELECT player_id, game_id, game_date, encode("values", 'hex') AS hex, to_char(cutoff_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS cutoff,
            id::text AS id, to_char(computed_at, 'YYYY-MM-DD HH24:MI:SS.US') AS computed
       FROM feature_rows WHERE feature_set_id = $1`,
    [featureSetId],
  );
  return new Map(
    r.rows.map((row) => [
      `${row.player_id}:${row.game_id}`,
      { key: `${row.player_id}:${row.game_id}`, gameDate: row.game_date, hex: row.hex, cutoffAt: row.cutoff, id: row.id, computedAt: row.computed },
    ]),
  );
}
