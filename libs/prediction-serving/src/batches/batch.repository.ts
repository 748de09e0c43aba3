import type { PredictionJob, PredictionRequest, StatType } from '@propcast/contracts';
import { isoColumn, NOW_UTC, type Queryable } from '../sql';
import type { BatchRow, BatchState, FailureCount, FinishedBatchState, JobResult, JobState, ModelVersionUsage, StatProgress } from './batch.types';

const BATCH_COLUMNS = `id, to_char(game_date, 'YYYY-MM-DD') AS game_date, attempt, state, "trigger", stats::text[] AS stats, player_ids,
  requested, completed, failed, model_versions,
  ${isoColumn('created_at')} AS created_at, ${isoColumn('started_at')} AS started_at, ${isoColumn('finished_at')} AS finished_at,
  ${isoColumn('last_progress_at')} AS last_progress_at, ${isoColumn('ready_published_at')} AS ready_published_at, cause_batch_id`;

interface BatchDbRow {
  id: string;
  game_date: string;
  attempt: number;
  state: BatchState;
  trigger: string;
  stats: StatType[] | null;
  player_ids: number[] | null;
  requested: number;
  completed: number;
  failed: number;
  model_versions: ModelVersionUsage[] | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  last_progress_at: string | null;
  ready_published_at: string | null;
  cause_batch_id: string | null;
}

function toBatch(r: BatchDbRow): BatchRow {
  return {
    id: r.id,
    gameDate: r.game_date,
    attempt: r.attempt,
    state: r.state,
    trigger: r.trigger,
    stats: r.stats ?? [],
    playerIds: r.player_ids ?? [],
    causeBatchId: r.cause_batch_id,
    requested: r.requested,
    completed: r.completed,
    failed: r.failed,
    modelVersions: r.model_versions,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    lastProgressAt: r.last_progress_at,
    readyPublishedAt: r.ready_published_at,
  };
}

/** A new batch row. */
export interface NewBatch {
  id: string;
  gameDate: string;
  attempt: number;
  trigger: string;
  stats: readonly StatType[];
  playerIds: readonly number[];
  /** The availability news (ingest batch) that started it. */
  causeBatchId?: string | null;
}

/** The state of one prediction_jobs row, as the recorder needs it. */
export interface JobRow {
  id: string;
  batchId: string;
  stat: StatType;
  state: JobState;
  requestCount: number;
  succeeded: number;
  failed: number;
}

/** Reads and writes prediction_batches and prediction_jobs. */
export class BatchRepository {
  /** Inserts a PENDING batch; false when (game_date, attempt) is taken. */
  async insert(db: Queryable, b: NewBatch): Promise<boolean> {
    const r = await db.query(
      `INSERT INTO prediction_batches (id, game_date, attempt, state, "trigger", stats, player_ids, cause_batch_id, created_at)
       VALUES ($1, $2, $3, 'PENDING', $4, $5::"StatType"[], $6::int[], $7, ${NOW_UTC})
       ON CONFLICT (game_date, attempt) DO NOTHING`,
      [b.id, b.gameDate, b.attempt, b.trigger, b.stats, b.playerIds, b.causeBatchId ?? null],
    );
    return r.rowCount === 1;
  }

  /** The batch with this id, or null; `forUpdate` locks the row until the transaction ends. */
  async findById(db: Queryable, id: string, forUpdate = false): Promise<BatchRow | null> {
    const r = await db.query<BatchDbRow>(`SELECT ${BATCH_COLUMNS} FROM prediction_batches WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    return r.rows[0] ? toBatch(r.rows[0]) : null;
  }

  /** The highest attempt of a date (its current batch), or null when the date has none. */
  async latestForDate(db: Queryable, gameDate: string): Promise<BatchRow | null> {
    const r = await db.query<BatchDbRow>(`SELECT ${BATCH_COLUMNS} FROM prediction_batches WHERE game_date = $1 ORDER BY attempt DESC LIMIT 1`, [gameDate]);
    return r.rows[0] ? toBatch(r.rows[0]) : null;
  }

  /** Inserts the jobs of a fan-out (already present ids are left alone) and marks the batch RUNNING with its request count. */
  async startJobs(db: Queryable, batchId: string, jobs: readonly PredictionJob[]): Promise<void> {
    if (jobs.length > 0) {
      await db.query(
        `INSERT INTO prediction_jobs (id, batch_id, stat, requests, request_count, state, updated_at)
         SELECT j.id, $1, j.stat, j.requests, j.request_count, 'QUEUED', ${NOW_UTC}
           FROM unnest($2::text[], $3::"StatType"[], $4::jsonb[], $5::int[]) AS j(id, stat, requests, request_count)
         ON CONFLICT (id) DO NOTHING`,
        [batchId, jobs.map((j) => j.jobId), jobs.map((j) => j.stat), jobs.map((j) => JSON.stringify(j.requests)), jobs.map((j) => j.requests.length)],
      );
    }
    await db.query(`UPDATE prediction_batches SET state = 'RUNNING', requested = $2, started_at = ${NOW_UTC}, last_progress_at = ${NOW_UTC} WHERE id = $1`, [
      batchId,
      jobs.reduce((n, j) => n + j.requests.length, 0),
    ]);
  }

  /**
   * Marks a PENDING batch whose slate had no request EMPTY (terminal, requested 0, never published as ready): unlike
   * a COMPLETED batch it does not stand for the date, so a later start makes the next attempt.
   */
  async markEmpty(db: Queryable, batchId: string): Promise<void> {
    await db.query(`UPDATE prediction_batches SET state = 'EMPTY', requested = 0, started_at = ${NOW_UTC}, finished_at = ${NOW_UTC}, last_progress_at = ${NOW_UTC} WHERE id = $1`, [batchId]);
  }

  /** Ids of the QUEUED jobs of every RUNNING or STALLED batch: the jobs the queue must hold. */
  async queuedJobIdsOfUnfinishedBatches(db: Queryable): Promise<string[]> {
    const r = await db.query<{ id: string }>(
      `SELECT j.id FROM prediction_jobs j JOIN prediction_batches b ON b.id = j.batch_id
        WHERE b.state IN ('RUNNING', 'STALLED') AND j.state = 'QUEUED' ORDER BY j.id`,
    );
    return r.rows.map((j) => j.id);
  }

  /** The jobs among `ids` that are still QUEUED, as job payloads (for re-enqueueing). */
  async queuedJobsByIds(db: Queryable, ids: readonly string[]): Promise<PredictionJob[]> {
    if (ids.length === 0) return [];
    const r = await db.query<{ id: string; batch_id: string; game_date: string; stat: StatType; requests: PredictionRequest[] }>(
      `SELECT j.id, j.batch_id, to_char(b.game_date, 'YYYY-MM-DD') AS game_date, j.stat, j.requests
         FROM prediction_jobs j JOIN prediction_batches b ON b.id = j.batch_id
        WHERE j.id = ANY($1::text[]) AND j.state = 'QUEUED' ORDER BY j.id`,
      [ids],
    );
    return r.rows.map((j) => ({ batchId: j.batch_id, jobId: j.id, gameDate: j.game_date, stat: j.stat, requests: j.requests }));
  }

  /** Jobs of a batch still QUEUED, as job payloads (for re-enqueueing). */
  async queuedJobs(db: Queryable, batch: Pick<BatchRow, 'id' | 'gameDate'>): Promise<PredictionJob[]> {
    const r = await db.query<{ id: string; stat: StatType; requests: PredictionRequest[] }>(`SELECT id, stat, requests FROM prediction_jobs WHERE batch_id = $1 AND state = 'QUEUED' ORDER BY id`, [
      batch.id,
    ]);
    return r.rows.map((j) => ({ batchId: batch.id, jobId: j.id, gameDate: batch.gameDate, stat: j.stat, requests: j.requests }));
  }

  /** Locks one job row for the rest of the transaction; null when unknown. */
  async lockJob(db: Queryable, jobId: string): Promise<JobRow | null> {
    const r = await db.query<{ id: string; batch_id: string; stat: StatType; state: JobState; request_count: number; succeeded: number; failed: number }>(
      'SELECT id, batch_id, stat, state, request_count, succeeded, failed FROM prediction_jobs WHERE id = $1 FOR UPDATE',
      [jobId],
    );
    const j = r.rows[0];
    return j ? { id: j.id, batchId: j.batch_id, stat: j.stat, state: j.state, requestCount: j.request_count, succeeded: j.succeeded, failed: j.failed } : null;
  }

  /**
   * Stores a job's result and moves the batch counters by the difference to what the job held before (so recording
   * the same result twice changes nothing); progress revives a STALLED batch. Run it after `lockJob` in one transaction.
   */
  async saveJobResult(db: Queryable, before: JobRow, result: JobResult): Promise<void> {
    const error = Object.keys(result.failures).length > 0 ? JSON.stringify(result.failures) : null;
    await db.query(`UPDATE prediction_jobs SET state = $2, attempts = GREATEST(attempts, $3), succeeded = $4, failed = $5, error = $6, updated_at = ${NOW_UTC} WHERE id = $1`, [
      before.id,
      result.state,
      result.attempts,
      result.succeeded,
      result.failed,
      error,
    ]);
    await db.query(
      `UPDATE prediction_batches
          SET completed = completed + $2, failed = failed + $3, last_progress_at = ${NOW_UTC},
              state = CASE WHEN state = 'STALLED' THEN 'RUNNING'::"BatchState" ELSE state END
        WHERE id = $1`,
      [before.batchId, result.succeeded - before.succeeded, result.failed - before.failed],
    );
  }

  /** Per-stat progress of a batch from its jobs. */
  async statProgress(db: Queryable, batchId: string): Promise<StatProgress[]> {
    const r = await db.query<{ stat: StatType; requested: string; completed: string; failed: string; jobs: string; queued: string }>(
      `SELECT stat, sum(request_count) AS requested, sum(succeeded) AS completed, sum(failed) AS failed,
              count(*) AS jobs, count(*) FILTER (WHERE state = 'QUEUED') AS queued
         FROM prediction_jobs WHERE batch_id = $1 GROUP BY stat ORDER BY stat`,
      [batchId],
    );
    return r.rows.map((s) => ({
      stat: s.stat,
      requested: Number(s.requested),
      completed: Number(s.completed),
      failed: Number(s.failed),
      jobs: Number(s.jobs),
      jobsQueued: Number(s.queued),
    }));
  }

  /** Failed requests of a batch by stat and reason (from the jobs' recorded failures). */
  async failureCounts(db: Queryable, batchId: string): Promise<FailureCount[]> {
    const r = await db.query<{ stat: StatType; reason: string; count: string }>(
      `SELECT j.stat, f.key AS reason, sum(f.value::int) AS count
         FROM prediction_jobs j, jsonb_each_text(j.error::jsonb) f
        WHERE j.batch_id = $1 AND j.error IS NOT NULL
        GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2`,
      [batchId],
    );
    return r.rows.map((f) => ({ stat: f.stat, reason: f.reason, count: Number(f.count) }));
  }

  /** Predictions of a batch per model version, from the predictions table. */
  async modelUsage(db: Queryable, batchId: string): Promise<ModelVersionUsage[]> {
    const r = await db.query<{ stat: StatType; model_id: string; model_version: number; role: ModelVersionUsage['role']; n: string }>(
      `SELECT stat, model_id, model_version, role, count(*) AS n
         FROM predictions WHERE batch_id = $1 GROUP BY 1, 2, 3, 4 ORDER BY 1, 4, 2`,
      [batchId],
    );
    return r.rows.map((u) => ({ stat: u.stat, modelId: u.model_id, version: u.model_version, role: u.role, predictions: Number(u.n) }));
  }

  /** Moves a finished batch to its terminal state with its failures and model versions (keeps an earlier finished_at). */
  async finish(db: Queryable, batchId: string, state: FinishedBatchState, failures: readonly FailureCount[], modelVersions: readonly ModelVersionUsage[]): Promise<void> {
    await db.query(`UPDATE prediction_batches SET state = $2, failures = $3::jsonb, model_versions = $4::jsonb, finished_at = COALESCE(finished_at, ${NOW_UTC}) WHERE id = $1`, [
      batchId,
      state,
      JSON.stringify(failures),
      JSON.stringify(modelVersions),
    ]);
  }

  /** Records that predictions.ready went out for the batch. */
  async markReadyPublished(db: Queryable, batchId: string): Promise<void> {
    await db.query(`UPDATE prediction_batches SET ready_published_at = ${NOW_UTC} WHERE id = $1`, [batchId]);
  }

  /** Ids of batches whose requests are all done but whose predictions.ready has not gone out (EMPTY batches publish none). */
  async finishedUnpublished(db: Queryable): Promise<string[]> {
    const r = await db.query<{ id: string }>(
      `SELECT id FROM prediction_batches
        WHERE ready_published_at IS NULL AND state IN ('RUNNING', 'STALLED', 'COMPLETED', 'COMPLETED_WITH_FAILURES', 'FAILED') AND completed + failed >= requested`,
    );
    return r.rows.map((b) => b.id);
  }

  /** Ids of PENDING batches created more than `olderThanMs` ago (a fan-out that did not finish). */
  async stuckPending(db: Queryable, olderThanMs: number): Promise<string[]> {
    const r = await db.query<{ id: string }>(`SELECT id FROM prediction_batches WHERE state = 'PENDING' AND created_at < ${NOW_UTC} - make_interval(secs => $1::float8 / 1000)`, [olderThanMs]);
    return r.rows.map((b) => b.id);
  }

  /**
   * Marks RUNNING batches without progress for `stallTimeoutMs` as STALLED and returns them together with the
   * batches already STALLED and still without progress (their missing work is re-enqueued on every sweep).
   */
  async markStalled(db: Queryable, stallTimeoutMs: number): Promise<{ stalled: BatchRow[]; newlyStalled: number }> {
    const cutoff = `${NOW_UTC} - make_interval(secs => $1::float8 / 1000)`;
    const marked = await db.query(
      `UPDATE prediction_batches SET state = 'STALLED'
        WHERE state = 'RUNNING' AND completed + failed < requested AND COALESCE(last_progress_at, started_at, created_at) < ${cutoff}`,
      [stallTimeoutMs],
    );
    const r = await db.query<BatchDbRow>(
      `SELECT ${BATCH_COLUMNS} FROM prediction_batches
        WHERE state = 'STALLED' AND completed + failed < requested AND COALESCE(last_progress_at, started_at, created_at) < ${cutoff}`,
      [stallTimeoutMs],
    );
    return { stalled: r.rows.map(toBatch), newlyStalled: marked.rowCount ?? 0 };
  }
}
