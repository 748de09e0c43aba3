import { randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { CodedError } from '@propcast/common';
import { withPgTransactionDecided } from '@propcast/db';
import { ingestionCompletedEvents, NO_EVENTS, releaseEvents, type EventOutbox, type EventsOutcome } from '../events/ingestion-events';
import type { RowCounts } from '../writers/write-result';
import { markMainLinesOfPlayer } from '../writers/prop-lines.writer';
import { INGEST_LOCK_KEY } from './ingest-lock';

/** Why a merge was refused. */
export type MergeRefusal = 'PLAYER_NOT_FOUND' | 'SAME_PLAYER' | 'NAME_MISMATCH' | 'SAME_GAME';

/** A merge that would be wrong: nothing was changed. */
export class PlayerMergeRefusedError extends CodedError<MergeRefusal> {
  constructor(
    readonly code: MergeRefusal,
    message: string,
  ) {
    super(message);
  }
}

/** Fold player `fromId` into `intoId`: the same person under two ids. */
export interface MergePlayersCommand {
  fromId: number;
  intoId: number;
  /** Why (kept with the audit row). */
  reason?: string;
  /** Merge although the two names differ. */
  force?: boolean;
  /** Count what would move, change nothing. */
  dryRun?: boolean;
}

/** Rows moved to the kept id (or dropped as exact duplicates of its own rows), per table. */
export interface MergedRows {
  boxScores: number;
  statCorrections: number;
  propLines: number;
  propLinesDropped: number;
  predictions: number;
  predictionsDropped: number;
  featureRowsDeleted: number;
}

export interface MergeReport {
  mergeId: string;
  dryRun: boolean;
  from: { id: number; name: string };
  into: { id: number; name: string };
  rows: MergedRows;
  /** Game dates whose box scores moved: features and grades of these dates (and later) are recomputed. */
  gameDates: string[];
  events: EventsOutcome;
}

/**
 * Folds one player id into another in one transaction (under the ingestion lock, so no import interleaves): box scores,
 * corrections, prop lines and predictions are re-keyed (a line or prediction the kept id already has under the same
 * key is dropped as its duplicate), the merged id's feature rows deleted and the player removed, with a
 * `player_merges` audit row. Refused when the names differ (unless forced) or when both ids played the same game
 * (then they are two people). One `ingestion.completed` per moved date, written to the outbox in the same transaction, makes the feature store
 * recompute the kept player's features from the first of them on, and grading regrade those dates.
 */
export class MergePlayersUseCase {
  constructor(private readonly deps: { pool: Pool; events: EventOutbox }) {}

  async execute(cmd: MergePlayersCommand): Promise<MergeReport> {
    if (cmd.fromId === cmd.intoId) throw new PlayerMergeRefusedError('SAME_PLAYER', `player ${cmd.fromId} cannot be merged into itself`);
    const mergeId = `pm-${new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}-${randomBytes(3).toString('hex')}`;
    const { report, events } = await withPgTransactionDecided(this.deps.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [INGEST_LOCK_KEY]);
      const merged = await this.merge(client, cmd, mergeId);
      const events = cmd.dryRun ? [] : ingestionCompletedEvents(mergeId, 'BOX_SCORES', merged.byDate);
      await this.deps.events.enqueue(client, events);
      return { commit: !cmd.dryRun, value: { report: merged.report, events } };
    });
    report.events = await releaseEvents(this.deps.events, events);
    return report;
  }

  private async merge(client: PoolClient, cmd: MergePlayersCommand, mergeId: string): Promise<{ report: MergeReport; byDate: Map<string, RowCounts> }> {
    const { fromId, intoId } = cmd;
    const players = await client.query<{ id: number; name: string; normalized_name: string }>(`SELECT id, name, normalized_name FROM players WHERE id = ANY($1::int[])`, [[fromId, intoId]]);
    const from = players.rows.find((p) => p.id === fromId);
    const into = players.rows.find((p) => p.id === intoId);
    if (!from) throw new PlayerMergeRefusedError('PLAYER_NOT_FOUND', `player ${fromId} is not stored`);
    if (!into) throw new PlayerMergeRefusedError('PLAYER_NOT_FOUND', `player ${intoId} is not stored`);
    if (from.normalized_name !== into.normalized_name && !cmd.force) {
      throw new PlayerMergeRefusedError('NAME_MISMATCH', `player ${fromId} is "${from.name}" and player ${intoId} is "${into.name}": give --force to merge different names`);
    }
    const shared = await client.query<{ game_id: string }>(
      `SELECT a.game_id FROM player_game_stats a JOIN player_game_stats b ON b.game_id = a.game_id AND b.player_id = $2 WHERE a.player_id = $1 ORDER BY a.game_id LIMIT 5`,
      [fromId, intoId],
    );
    if (shared.rows.length > 0) {
      throw new PlayerMergeRefusedError('SAME_GAME', `players ${fromId} and ${intoId} both played in game(s) ${shared.rows.map((r) => r.game_id).join(', ')}: they are two players`);
    }

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

    const rows: MergedRows = {
      boxScores: moved.rows.reduce((n, r) => n + r.n, 0),
      statCorrections: statCorrections.rowCount ?? 0,
      propLines: propLines.rowCount ?? 0,
      propLinesDropped: propLinesDropped.rowCount ?? 0,
      predictions: predictions.rowCount ?? 0,
      predictionsDropped: predictionsDropped.rowCount ?? 0,
      featureRowsDeleted: featureRows.rowCount ?? 0,
    };
    await client.query(`INSERT INTO player_merges (id, from_player_id, into_player_id, from_name, reason, rows) VALUES ($1, $2, $3, $4, $5, $6::jsonb)`, [
      mergeId,
      fromId,
      intoId,
      from.name,
      cmd.reason ?? null,
      JSON.stringify(rows),
    ]);
    const byDate = new Map<string, RowCounts>();
    for (const r of moved.rows) if (r.game_date !== null) byDate.set(r.game_date, { inserted: 0, updated: r.n, unchanged: 0 });
    const report: MergeReport = {
      mergeId,
      dryRun: cmd.dryRun === true,
      from: { id: fromId, name: from.name },
      into: { id: intoId, name: into.name },
      rows,
      gameDates: [...byDate.keys()],
      events: { ...NO_EVENTS },
    };
    return { report, byDate };
  }
}
