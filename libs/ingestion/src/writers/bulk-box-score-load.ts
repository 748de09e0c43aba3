import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { BoxScoreRow } from '../formats/box-scores.format';
import type { BatchContext, StreamingLoad } from '../usecases/ingest-kind';
import { gamesOfRows } from '../validation/box-score-batch';
import { encodeFinalRow, FINAL_COLUMNS, finalChunks, findPossibleDuplicatePlayers, upsertFinalGames, upsertPlayers } from './box-score.writer';
import { copyChunks, CopyTextEncoder } from './copy-text';
import { countPerDate, countsByDate, totalCounts, type WriteResult } from './write-result';

/**
 * Indexes kept live during the load: rows arrive by date, so these grow at few insertion points and maintaining them
 * while COPY runs (Postgres has spare CPU while the input is parsed) costs less than rebuilding them afterwards
 * (measured: 3.5x a bare COPY against 3.75x when all are rebuilt). The others are rebuilt after the load.
 */
const KEPT_DURING_LOAD = new Set(['player_game_stats_pkey', 'player_game_stats_game_date_idx', 'player_game_stats_team_id_game_date_idx']);
/** COPY text gathered before it is handed to the stream. */
const BYTES_PER_WRITE = 512 * 1024;
/** COPY text buffered before parsing waits for the database: enough that neither side idles waiting for the other. */
const COPY_BUFFER_BYTES = 32 * 1024 * 1024;

interface Definition {
  name: string;
  definition: string;
}

/**
 * First load of an empty player_game_stats, streamed while the input is parsed: its indexes, keys and foreign keys are
 * dropped (except KEPT_DURING_LOAD), rows are COPYed straight in as they come, and at the end the rows rejected by batch checks (repeated
 * player-games included) are removed, the rows held back (no date or side yet) added, players and games
 * upserted, and everything rebuilt (one sort per index, one validating join per foreign key: several times faster
 * than maintaining them row by row). All of it inside the batch transaction, so a rejected or failed batch restores
 * the table as it was; definitions come from the catalog, so they return exactly as the migrations made them.
 * Readers of the (empty) table wait for the commit.
 */
export class BulkBoxScoreLoad implements StreamingLoad<BoxScoreRow> {
  private readonly streamed: BoxScoreRow[] = [];
  private readonly encoder = new CopyTextEncoder();
  private readonly at: string;
  private closed = false;

  private constructor(
    private readonly client: PoolClient,
    private readonly ctx: BatchContext,
    private readonly copy: Writable,
    private readonly constraints: Definition[],
    private readonly indexes: Definition[],
  ) {
    this.at = ctx.now.toISOString();
  }

  /** Starts a bulk load when player_game_stats is empty; null otherwise (the batch then goes through the upsert path). */
  static async open(client: PoolClient, ctx: BatchContext): Promise<BulkBoxScoreLoad | null> {
    const empty = await client.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM player_game_stats) AS empty');
    if (!empty.rows[0].empty) return null;
    await client.query('LOCK TABLE player_game_stats IN ACCESS EXCLUSIVE MODE');
    await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    // Keys and foreign keys (a key other tables reference stays), foreign keys first; then the indexes no constraint owns.
    const constraints = await client.query<Definition>(
      `SELECT c.conname AS name, pg_get_constraintdef(c.oid) AS definition FROM pg_constraint c
       WHERE c.conrelid = 'player_game_stats'::regclass AND c.contype IN ('p', 'u', 'f')
         AND NOT EXISTS (SELECT 1 FROM pg_constraint r WHERE r.contype = 'f' AND r.confrelid = c.conrelid AND r.conindid = c.conindid AND c.contype <> 'f')
       ORDER BY c.contype = 'f' DESC`,
    );
    const indexes = await client.query<Definition>(
      `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
       WHERE x.indrelid = 'player_game_stats'::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
    );
    const dropped = { constraints: constraints.rows.filter((c) => !KEPT_DURING_LOAD.has(c.name)), indexes: indexes.rows.filter((i) => !KEPT_DURING_LOAD.has(i.name)) };
    for (const c of dropped.constraints) await client.query(`ALTER TABLE player_game_stats DROP CONSTRAINT "${c.name}"`);
    for (const index of dropped.indexes) await client.query(`DROP INDEX "${index.name}"`);
    const copy = client.query(copyFrom(`COPY player_game_stats (${FINAL_COLUMNS.map((c) => `"${c}"`).join(', ')}) FROM STDIN`, { highWaterMark: COPY_BUFFER_BYTES }));
    // Errors surface through drain()/close(); this listener only keeps an early one from crashing the process.
    copy.on('error', () => undefined);
    return new BulkBoxScoreLoad(client, ctx, copy, dropped.constraints, dropped.indexes);
  }

  push(row: BoxScoreRow): void {
    if (row.gameDate === null || row.isHome === null || row.opponentTeamId === null) return;
    this.streamed.push(row);
    encodeFinalRow(this.encoder, row, this.ctx.batchId, this.at);
    if (this.encoder.length >= BYTES_PER_WRITE) this.flush();
  }

  async drain(): Promise<void> {
    this.flush();
    const copy = this.copy;
    if (!copy.writableNeedDrain) return;
    await new Promise<void>((resolve, reject) => {
      const settle = (err?: Error | null): void => {
        copy.off('drain', onDrain).off('error', settle).off('close', onClose);
        if (err) reject(err);
        else resolve();
      };
      const onDrain = (): void => settle();
      const onClose = (): void => settle(copy.errored ?? new Error('the COPY stream closed'));
      if (copy.errored || copy.destroyed) return onClose();
      copy.on('drain', onDrain).on('error', settle).on('close', onClose);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.flush();
    this.copy.end();
    await finished(this.copy);
  }

  async finish(valid: BoxScoreRow[], ctx: BatchContext): Promise<WriteResult> {
    const at = ctx.now.toISOString();
    // Usually every row streamed is valid and every valid row was streamed, in the same order: nothing to settle.
    const settled = valid.length === this.streamed.length && valid.every((r, i) => r === this.streamed[i]);
    if (!settled) await this.settle(valid, at);
    const { insertedIds, ...players } = await upsertPlayers(this.client, valid, at);
    const possibleDuplicatePlayers = await findPossibleDuplicatePlayers(this.client, insertedIds);
    const games = await upsertFinalGames(this.client, ctx.batchId, gamesOfRows(valid), at);
    for (const index of this.indexes) await this.client.query(index.definition);
    for (const c of [...this.constraints].reverse()) await this.client.query(`ALTER TABLE player_game_stats ADD CONSTRAINT "${c.name}" ${c.definition}`);
    const perDate = countPerDate(valid, (r) => r.gameDate ?? '');
    const byDate = countsByDate(
      perDate,
      [...perDate].map(([game_date, n]) => ({ game_date, inserted: n, updated: 0 })),
    );
    return { counts: totalCounts(byDate), byDate, details: { corrections: 0, outliers: [], players, games, possibleDuplicatePlayers, bulkLoad: true } };
  }

  /**
   * Streamed rows the batch checks rejected (repeated player-games included) go by key, which may also take a valid
   * row sharing that key: every valid row that was not streamed, or whose key was cleared, is copied now.
   */
  private async settle(valid: BoxScoreRow[], at: string): Promise<void> {
    const key = (r: BoxScoreRow): string => `${r.gameId}:${r.playerId}`;
    const validRows = new Set(valid.map((r) => r.row));
    const rejected = this.streamed.filter((r) => !validRows.has(r.row));
    const cleared = new Set(rejected.map(key));
    if (rejected.length) {
      await this.client.query(`DELETE FROM player_game_stats WHERE (player_id, game_id) IN (SELECT * FROM unnest($1::int[], $2::text[]))`, [
        rejected.map((r) => r.playerId),
        rejected.map((r) => r.gameId),
      ]);
    }
    const streamedRows = new Set(this.streamed.map((r) => r.row));
    const late = valid.filter((r) => !streamedRows.has(r.row) || cleared.has(key(r)));
    if (late.length) await copyChunks(this.client, 'player_game_stats', FINAL_COLUMNS, finalChunks(late, this.ctx.batchId, at));
  }

  private flush(): void {
    if (this.encoder.length > 0) this.copy.write(this.encoder.take());
  }
}
