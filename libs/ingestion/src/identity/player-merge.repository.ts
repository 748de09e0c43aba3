import type { PoolClient } from 'pg';
import { markMainLinesOfPlayer } from '../writers/prop-lines.writer';

/** One stored player as a merge compares them. */
export interface MergeCandidate {
  id: number;
  name: string;
  normalizedName: string;
}

/** Rows a merge moved, per table (the use case turns them into the report). */
export interface MovedRows {
  /** Box scores moved, per game date (null for rows without a date). */
  boxScoresByDate: { gameDate: string | null; n: number }[];
  statCorrections: number;
  propLines: number;
  propLinesDropped: number;
  predictions: number;
  predictionsDropped: number;
  featureRowsDeleted: number;
}

/** SQL of folding one player id into another (run in the merge's transaction, under the ingestion lock). */
export class PlayerMergeRepository {
  async players(client: PoolClient, ids: readonly number[]): Promise<MergeCandidate[]> {
    const r = await client.query<{ id: number; name: string; normalized_name: string }>(`SELECT id, name, normalized_name FROM players WHERE id = ANY($1::int[])`, [ids]);
    return r.rows.map((p) => ({ id: p.id, name: p.name, normalizedName: p.normalized_name }));
  }

  /** Up to five games both players played (then they are two people). */
  async sharedGames(client: PoolClient, fromId: number, intoId: number): Promise<string[]> {
    const r = await client.query<{ game_id: string }>(
      `SELECT a.game_id FROM player_game_stats a JOIN player_game_stats b ON b.game_id = a.game_id AND b.player_id = $2 WHERE a.player_id = $1 ORDER BY a.game_id LIMIT 5`,
      [fromId, intoId],
    );
    return r.rows.map((g) => g.game_id);
  }

  /**
   * Re-keys box scores, corrections, prop lines, predictions and aliases of `fromId` to `intoId` (a line or prediction
   * the kept id already has under the same key is dropped as its duplicate), deletes its feature rows and the player.
   */
  async moveRows(client: PoolClient, fromId: number, intoId: number): Promise<MovedRows> {
    const moved = await client.query<{ game_date: string | null; n: number }>(
      `WITH moved AS (UPDATE player_game_stats SET player_id = $2 WHERE player_id = $1 RETURNING game_date)
       SELECT game_date::text AS game_date, count(*)::int AS n FROM moved GROUP BY game_date ORDER BY game_date`,
      [fromId, intoId],
    );
    const statCorrections = await client.query(`UPDATE stat_corrections SET player_id = $2 WHERE player_id = $1`, [fromId, intoId]);
    const propLinesDropped = await client.query(
      `DELETE FROM prop_lines f USING prop_lines i
        WHERE f.player_id = $1 AND i.player_id = $2 AND i.game_id = f.game_id AND i.stat = f.stat AND i.book = f.book AND i.captured_at = f.captured_at AND i.line = f.line`,
      [fromId, intoId],
    );
    const propLines = await client.query(`UPDATE prop_lines SET player_id = $2 WHERE player_id = $1`, [fromId, intoId]);
    // A snapshot may now hold lines of both ids: one main line again.
    if ((propLines.rowCount ?? 0) > 0) await markMainLinesOfPlayer(client, intoId);
    const duplicatePredictions = `SELECT f.id FROM predictions f JOIN predictions i ON i.player_id = $2 AND i.batch_id = f.batch_id AND i.game_id = f.game_id
                                    AND i.stat = f.stat AND i.model_id = f.model_id AND i.book = f.book WHERE f.player_id = $1`;
    await client.query(`DELETE FROM grades WHERE prediction_id IN (${duplicatePredictions})`, [fromId, intoId]);
    const predictionsDropped = await client.query(`DELETE FROM predictions WHERE id IN (${duplicatePredictions})`, [fromId, intoId]);
    const predictions = await client.query(`UPDATE predictions SET player_id = $2 WHERE player_id = $1`, [fromId, intoId]);
    const featureRows = await client.query(`DELETE FROM feature_rows WHERE player_id = $1`, [fromId]);
    // The merged id's aliases are the kept player's now.
    await client.query(`UPDATE player_aliases SET player_id = $2 WHERE player_id = $1`, [fromId, intoId]);
    await client.query(`DELETE FROM players WHERE id = $1`, [fromId]);
    return {
      boxScoresByDate: moved.rows.map((r) => ({ gameDate: r.game_date, n: r.n })),
      statCorrections: statCorrections.rowCount ?? 0,
      propLines: propLines.rowCount ?? 0,
      propLinesDropped: propLinesDropped.rowCount ?? 0,
      predictions: predictions.rowCount ?? 0,
      predictionsDropped: predictionsDropped.rowCount ?? 0,
      featureRowsDeleted: featureRows.rowCount ?? 0,
    };
  }

  /** The `player_merges` audit row. */
  async record(client: PoolClient, m: { id: string; fromId: number; intoId: number; fromName: string; reason: string | null; rows: object }): Promise<void> {
    await client.query(`INSERT INTO player_merges (id, from_player_id, into_player_id, from_name, reason, rows) VALUES ($1, $2, $3, $4, $5, $6::jsonb)`, [
      m.id,
      m.fromId,
      m.intoId,
      m.fromName,
      m.reason,
      JSON.stringify(m.rows),
    ]);
  }
}
