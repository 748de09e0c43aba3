import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Pool } from 'pg';

/** What makes a checkpoint usable by a run: same feature set and definition, state format and roster depth. */
export interface CheckpointVersion {
  featureSetId: string;
  definitionHash: string;
  stateFormat: number;
  rosterGames: number;
}

/** A stored checkpoint: the walk's state after every box score through `throughDate`. */
export interface FeatureCheckpoint {
  throughDate: string;
  /** The saved state, decompressed. */
  state: Buffer;
}

/** A checkpoint as listed (no state). */
export interface CheckpointInfo {
  featureSetId: string;
  definitionHash: string;
  throughDate: string;
  stateBytes: number;
  storedBytes: number;
}

/**
 * The feature_checkpoints table: the feature walk's saved state per feature set and date, deflated (level 1: most of
 * it is small integers and zeros). One row per (feature set, date); a checkpoint is read only by a run of the same
 * definition hash, state format and roster depth, and only strictly before the first date the run rewrites.
 */
export class FeatureCheckpointRepository {
  constructor(private readonly pool: Pool) {}

  /** The latest usable checkpoint strictly before `date`, or null. */
  async nearestBefore(version: CheckpointVersion, date: string): Promise<FeatureCheckpoint | null> {
    const r = await this.pool.query<{ through_date: string; state: Buffer }>(
      `SELECT through_date, state FROM feature_checkpoints
        WHERE feature_set_id = $1 AND definition_hash = $2 AND state_format = $3 AND roster_games = $4 AND through_date < $5
        ORDER BY through_date DESC LIMIT 1`,
      [version.featureSetId, version.definitionHash, version.stateFormat, version.rosterGames, date],
    );
    const row = r.rows[0];
    return row === undefined ? null : { throughDate: row.through_date, state: inflateRawSync(row.state) };
  }

  /** Stores (or replaces) the checkpoint through `throughDate`; returns the bytes stored. */
  async save(version: CheckpointVersion, throughDate: string, state: Buffer): Promise<number> {
    const stored = deflateRawSync(state, { level: 1 });
    await this.pool.query(
      `INSERT INTO feature_checkpoints (feature_set_id, through_date, definition_hash, state_format, roster_games, state, state_bytes)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (feature_set_id, through_date) DO UPDATE
         SET definition_hash = EXCLUDED.definition_hash, state_format = EXCLUDED.state_format, roster_games = EXCLUDED.roster_games,
             state = EXCLUDED.state, state_bytes = EXCLUDED.state_bytes, created_at = now()`,
      [version.featureSetId, throughDate, version.definitionHash, version.stateFormat, version.rosterGames, stored, state.length],
    );
    return stored.length;
  }

  /**
   * Deletes the checkpoints through `date` or later of every feature set (their state folded in box scores that may
   * have changed; a service computing one set must not leave another set's stale checkpoints behind).
   */
  async invalidateFrom(date: string): Promise<number> {
    const r = await this.pool.query('DELETE FROM feature_checkpoints WHERE through_date >= $1', [date]);
    return r.rowCount ?? 0;
  }

  /** Deletes one checkpoint (unreadable despite its version). */
  async delete(featureSetId: string, throughDate: string): Promise<void> {
    await this.pool.query('DELETE FROM feature_checkpoints WHERE feature_set_id = $1 AND through_date = $2', [featureSetId, throughDate]);
  }

  /**
   * Keeps the newest `keepLatest` checkpoints of the set and, before them, the latest of each calendar month within
   * `monthlyDays` days of the newest; deletes the rest and any checkpoint of another version (never read). Returns the
   * rows deleted.
   */
  async prune(version: CheckpointVersion, keepLatest: number, monthlyDays: number): Promise<number> {
    const r = await this.pool.query(
      `DELETE FROM feature_checkpoints c
        WHERE c.feature_set_id = $1
          AND (c.definition_hash <> $2 OR c.state_format <> $3 OR c.roster_games <> $4
               OR (c.through_date < (SELECT min(through_date) FROM (SELECT through_date FROM feature_checkpoints
                                       WHERE feature_set_id = $1 ORDER BY through_date DESC LIMIT $5) newest)
                   AND (c.through_date < (SELECT max(through_date) FROM feature_checkpoints WHERE feature_set_id = $1) - $6::int
                        OR EXISTS (SELECT 1 FROM feature_checkpoints o
                                    WHERE o.feature_set_id = $1 AND o.through_date > c.through_date
                                      AND date_trunc('month', o.through_date) = date_trunc('month', c.through_date)))))`,
      [version.featureSetId, version.definitionHash, version.stateFormat, version.rosterGames, keepLatest, monthlyDays],
    );
    return r.rowCount ?? 0;
  }

  /** The set's checkpoints, oldest first (sizes, no state). */
  async list(featureSetId: string): Promise<CheckpointInfo[]> {
    const r = await this.pool.query<{ feature_set_id: string; definition_hash: string; through_date: string; state_bytes: number; stored: number }>(
      `SELECT feature_set_id, definition_hash, through_date, state_bytes, octet_length(state) AS stored
         FROM feature_checkpoints WHERE feature_set_id = $1 ORDER BY through_date`,
      [featureSetId],
    );
    return r.rows.map((row) => ({ featureSetId: row.feature_set_id, definitionHash: row.definition_hash, throughDate: row.through_date, stateBytes: row.state_bytes, storedBytes: row.stored }));
  }
}
