import type { Pool, PoolClient } from 'pg';
import { copyRows, type CopyValue } from '@propcast/db';
import { decodeFeatureValues, encodeFeatureValues, type FeatureVector } from '@propcast/features';
import { groupDatesByRows } from './date-batches';

const COLUMNS = ['feature_set_id', 'player_id', 'game_id', 'game_date', 'team_id', 'opponent_team_id', 'cutoff_at', 'values'] as const;

/** A stored feature row, values decoded. */
export interface StoredFeatureRow {
  featureSetId: string;
  playerId: number;
  gameId: string;
  gameDate: string;
  teamId: number;
  opponentTeamId: number;
  cutoffAt: Date;
  values: Float32Array;
}

/** One row of a date as the online cache holds it: raw little-endian float32 bytes. */
export interface RawFeatureRow {
  playerId: number;
  gameId: string;
  values: Buffer;
}

/** Range query over one feature set's rows. */
export interface FeatureRowQuery {
  featureSetId: string;
  /** Inclusive `YYYY-MM-DD` bounds; open when omitted. */
  from?: string;
  to?: string;
  /** Rows fetched per round trip (default 20,000). */
  batchRows?: number;
}

/** What a merge did: rows now current for the range, and how many of them it had to write or delete. */
export interface MergeResult {
  /** Rows the range holds after the merge (every vector given). */
  rows: number;
  /** Rows inserted because they were new or their date, teams, cutoff or bytes changed. */
  written: number;
  /** Stored rows of the range no vector produced any more. */
  deleted: number;
}

const MIN_DATE = '0001-01-01';
const MAX_DATE = '9999-12-31';

/** Reads and writes feature_rows: the bulk write path (delete range + COPY) and the serving and dataset reads. */
export class FeatureRowRepository {
  constructor(private readonly pool: Pool) {}

  /**
   * Replaces the set's rows dated [from, to] by `vectors` on `client` (run it inside the caller's transaction):
   * a date half-written by a failed attempt is rewritten whole, never duplicated. Returns the rows written.
   */
  async replaceRange(client: PoolClient, featureSetId: string, from: string, to: string, vectors: Iterable<FeatureVector>, asOf?: Date): Promise<number> {
    await client.query('DELETE FROM feature_rows WHERE feature_set_id = $1 AND game_date BETWEEN $2 AND $3', [featureSetId, from, to]);
    // computed_at = the run's start by the database clock: every commit before it is reflected in these rows.
    if (asOf !== undefined) return copyRows(client, 'feature_rows', [...COLUMNS, 'computed_at'], toCopyRows(vectors, asOf));
    return copyRows(client, 'feature_rows', COLUMNS, toCopyRows(vectors));
  }

  /**
   * Makes the set's rows dated [from, to] equal `vectors` on `client` (inside the caller's transaction), writing only
   * what differs: a row whose date, teams, cutoff and bytes are unchanged keeps its id and computed_at; changed rows
   * are replaced (computed_at = `asOf`), new ones inserted, and rows no vector produced deleted. Every date of the
   * range is stamped with `asOf` in feature_date_runs (the rows of those dates reflect every commit before it).
   */
  async mergeRange(client: PoolClient, featureSetId: string, from: string, to: string, vectors: Iterable<FeatureVector>, asOf: Date, dates: readonly string[]): Promise<MergeResult> {
    const result = await this.merge(client, featureSetId, 'game_date BETWEEN $2 AND $3', [from, to], vectors, asOf);
    if (dates.length > 0) {
      await client.query(
        `INSERT INTO feature_date_runs (feature_set_id, game_date, computed_as_of) SELECT $1, d, $3 FROM unnest($2::date[]) AS d
         ON CONFLICT (feature_set_id, game_date) DO UPDATE SET computed_as_of = EXCLUDED.computed_as_of`,
        [featureSetId, dates, asOf],
      );
    }
    return result;
  }

  /**
   * Makes the set's rows of the games `gameIds` of `date` equal `vectors` (vectors of those games only), as mergeRange
   * does for dates, and stamps each game with `asOf` in feature_game_runs. The date's stamp (feature_date_runs) is
   * left alone: the other games of the date were not recomputed.
   */
  async mergeGames(client: PoolClient, featureSetId: string, date: string, gameIds: readonly string[], vectors: Iterable<FeatureVector>, asOf: Date): Promise<MergeResult> {
    const result = await this.merge(client, featureSetId, 'game_date = $2::date AND game_id = ANY($3::text[])', [date, gameIds], vectors, asOf);
    await client.query(
      `INSERT INTO feature_game_runs (feature_set_id, game_id, game_date, computed_as_of) SELECT $1, g, $3::date, $4 FROM unnest($2::text[]) AS g
       ON CONFLICT (feature_set_id, game_id) DO UPDATE SET game_date = EXCLUDED.game_date, computed_as_of = EXCLUDED.computed_as_of`,
      [featureSetId, gameIds, date, asOf],
    );
    return result;
  }

  /** Writes what differs between the stored rows matching `scope` ($2, $3 = `params`) and `vectors`. */
  private async merge(client: PoolClient, featureSetId: string, scope: string, params: unknown[], vectors: Iterable<FeatureVector>, asOf: Date): Promise<MergeResult> {
    const r = await client.query<[number, string, string, number, number, number, Buffer]>({
      text: `SELECT player_id, game_id, game_date, team_id, opponent_team_id, (extract(epoch FROM cutoff_at) * 1000)::float8, "values"
               FROM feature_rows WHERE feature_set_id = $1 AND ${scope}`,
      values: [featureSetId, ...params],
      rowMode: 'array',
    });
    const stored = new Map<string, [number, string, string, number, number, number, Buffer]>();
    for (const row of r.rows) stored.set(`${row[0]}:${row[1]}`, row);
    const changed: FeatureVector[] = [];
    const replaced: [number[], string[]] = [[], []];
    let rows = 0;
    for (const v of vectors) {
      rows++;
      const key = `${v.playerId}:${v.gameId}`;
      const old = stored.get(key);
      if (old !== undefined) {
        stored.delete(key);
        const same = old[2] === v.gameDate && old[3] === v.teamId && old[4] === v.opponentTeamId && old[5] === v.cutoffAt.getTime() && old[6].equals(encodeFeatureValues(v.values));
        if (same) continue;
        replaced[0].push(v.playerId);
        replaced[1].push(v.gameId);
      }
      changed.push(v);
    }
    for (const [playerId, gameId] of stored.values()) {
      replaced[0].push(playerId);
      replaced[1].push(gameId);
    }
    if (replaced[0].length > 0) {
      await client.query(
        `DELETE FROM feature_rows f USING unnest($2::int[], $3::text[]) AS k(player_id, game_id)
          WHERE f.feature_set_id = $1 AND f.player_id = k.player_id AND f.game_id = k.game_id`,
        [featureSetId, replaced[0], replaced[1]],
      );
    }
    const written = changed.length > 0 ? await copyRows(client, 'feature_rows', [...COLUMNS, 'computed_at'], toCopyRows(changed, asOf)) : 0;
    return { rows, written, deleted: stored.size };
  }

  /** The database clock (what computed_at is compared with), read before a run reads any history. */
  async databaseNow(): Promise<Date> {
    const r = await this.pool.query<{ ms: number }>(`SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS ms`);
    return new Date(r.rows[0].ms);
  }

  /**
   * Whether the set's dates of [from, to] (through the last date when `to` is null) were all last computed by runs
   * that started after ingest batch `batchId` committed (feature_date_runs: a run stamps every date it computes, rows
   * changed or not), so they already reflect it: true only when `from` has rows and the batch recorded its commit.
   */
  async coverBatch(featureSetId: string, batchId: string, from: string, to: string | null): Promise<boolean> {
    const r = await this.pool.query<{ covered: boolean | null }>(
      `SELECT b.committed_at IS NOT NULL
              AND EXISTS (SELECT 1 FROM feature_rows WHERE feature_set_id = $1 AND game_date = $3::date)
              AND (SELECT min(computed_as_of) FROM feature_date_runs
                    WHERE feature_set_id = $1 AND game_date >= $3::date AND ($4::date IS NULL OR game_date <= $4::date)) > b.committed_at AS covered
         FROM ingest_batches b WHERE b.id = $2`,
      [featureSetId, batchId, from, to],
    );
    return r.rows[0]?.covered === true;
  }

  /**
   * Whether the set's rows are current: every played or DNP player-game with a box score has a row, and no box score
   * changed (by its row's stamp or its batch's database-clock commit) after the newest run started (a change triggers
   * an incremental recompute, which stamps the dates it computed).
   */
  async currency(featureSetId: string): Promise<{ boxScores: number; missing: number; changedSince: boolean }> {
    const r = await this.pool.query<{ box_scores: number; missing: number; changed_since: boolean }>(
      `SELECT (SELECT count(*)::int FROM player_game_stats WHERE game_date IS NOT NULL) AS box_scores,
              (SELECT count(*)::int FROM player_game_stats s
                WHERE s.game_date IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM feature_rows f WHERE f.feature_set_id = $1 AND f.player_id = s.player_id AND f.game_id = s.game_id)) AS missing,
              coalesce(greatest((SELECT max(updated_at) FROM player_game_stats),
                                (SELECT max(committed_at) FROM ingest_batches WHERE kind = 'BOX_SCORES'))
                       > (SELECT max(computed_as_of) FROM feature_date_runs WHERE feature_set_id = $1), true) AS changed_since`,
      [featureSetId],
    );
    const row = r.rows[0];
    return { boxScores: row.box_scores, missing: row.missing, changedSince: row.changed_since };
  }

  /** Every row of one date, values as raw bytes (what the online cache stores). */
  async readDate(featureSetId: string, date: string): Promise<RawFeatureRow[]> {
    const r = await this.pool.query<[number, string, Buffer]>({
      text: 'SELECT player_id, game_id, "values" FROM feature_rows WHERE feature_set_id = $1 AND game_date = $2 ORDER BY player_id, game_id',
      values: [featureSetId, date],
      rowMode: 'array',
    });
    return r.rows.map(([playerId, gameId, values]) => ({ playerId, gameId, values }));
  }

  /** The latest date with rows in the set, or null. */
  async latestDate(featureSetId: string): Promise<string | null> {
    const r = await this.pool.query<{ d: string | null }>('SELECT max(game_date) AS d FROM feature_rows WHERE feature_set_id = $1', [featureSetId]);
    return r.rows[0].d;
  }

  /** Rows per date (ascending) of the set in [from, to]. */
  async countByDate(featureSetId: string, from = MIN_DATE, to = MAX_DATE): Promise<{ date: string; rows: number }[]> {
    const r = await this.pool.query<{ d: string; n: string }>(
      'SELECT game_date AS d, count(*) AS n FROM feature_rows WHERE feature_set_id = $1 AND game_date BETWEEN $2 AND $3 GROUP BY 1 ORDER BY 1',
      [featureSetId, from, to],
    );
    return r.rows.map((row) => ({ date: row.d, rows: Number(row.n) }));
  }

  /** Streams the set's rows in [from, to] ordered by date, game and player, a bounded batch of dates at a time. */
  async *streamRows(query: FeatureRowQuery): AsyncGenerator<StoredFeatureRow> {
    const counts = await this.countByDate(query.featureSetId, query.from, query.to);
    for (const range of groupDatesByRows(counts, query.batchRows ?? 20_000)) {
      const r = await this.pool.query<[number, string, string, number, number, number, Buffer]>({
        text: `SELECT player_id, game_id, game_date, team_id, opponent_team_id, (extract(epoch FROM cutoff_at) * 1000)::float8, "values"
                 FROM feature_rows WHERE feature_set_id = $1 AND game_date BETWEEN $2 AND $3 ORDER BY game_date, game_id, player_id`,
        values: [query.featureSetId, range.from, range.to],
        rowMode: 'array',
      });
      for (const [playerId, gameId, gameDate, teamId, opponentTeamId, cutoffMs, values] of r.rows) {
        yield { featureSetId: query.featureSetId, playerId, gameId, gameDate, teamId, opponentTeamId, cutoffAt: new Date(cutoffMs), values: decodeFeatureValues(values) };
      }
    }
  }
}

function* toCopyRows(vectors: Iterable<FeatureVector>, computedAt?: Date): Generator<CopyValue[]> {
  for (const v of vectors) {
    const row: CopyValue[] = [v.featureSetId, v.playerId, v.gameId, v.gameDate, v.teamId, v.opponentTeamId, v.cutoffAt, encodeFeatureValues(v.values)];
    if (computedAt !== undefined) row.push(computedAt);
    yield row;
  }
}
