import type { Pool } from 'pg';

/** Lifecycle of a backfill: `running` until it `completed` or `failed` (a crashed process leaves `running`). */
export type BackfillStatus = 'running' | 'completed' | 'failed';

/** One feature_backfills row: the range, the resume point and the counters. */
export interface BackfillRecord {
  id: string;
  featureSetId: string;
  status: BackfillStatus;
  fromDate: string;
  toDate: string;
  /** Last date whose rows are committed; a resume starts the day after. */
  lastDoneDate: string | null;
  datesTotal: number;
  datesDone: number;
  rowsWritten: number;
  error: string | null;
  startedAt: Date;
  updatedAt: Date;
}

const SELECT = `SELECT id, feature_set_id, status, from_date, to_date, last_done_date, dates_total, dates_done, rows_written, error,
                       (extract(epoch FROM started_at) * 1000)::float8 AS started_ms, (extract(epoch FROM updated_at) * 1000)::float8 AS updated_ms
                  FROM feature_backfills`;

interface Row {
  id: string;
  feature_set_id: string;
  status: BackfillStatus;
  from_date: string;
  to_date: string;
  last_done_date: string | null;
  dates_total: number;
  dates_done: number;
  rows_written: number;
  error: string | null;
  started_ms: number;
  updated_ms: number;
}

const NOW_UTC = "now() AT TIME ZONE 'UTC'";

/** The feature_backfills table: backfill state that survives a crash. */
export class BackfillRepository {
  constructor(private readonly pool: Pool) {}

  /** Inserts a new running backfill. */
  async create(b: { id: string; featureSetId: string; fromDate: string; toDate: string; datesTotal: number }): Promise<BackfillRecord> {
    await this.pool.query(
      `INSERT INTO feature_backfills (id, feature_set_id, status, from_date, to_date, dates_total, started_at, updated_at)
       VALUES ($1, $2, 'running', $3, $4, $5, ${NOW_UTC}, ${NOW_UTC})`,
      [b.id, b.featureSetId, b.fromDate, b.toDate, b.datesTotal],
    );
    return (await this.get(b.id)) as BackfillRecord;
  }

  /** The backfill with this id, or null. */
  async get(id: string): Promise<BackfillRecord | null> {
    const r = await this.pool.query<Row>(`${SELECT} WHERE id = $1`, [id]);
    return r.rows.length === 0 ? null : toRecord(r.rows[0]);
  }

  /** The most recently started backfill of the set that did not complete, or null. */
  async findUnfinished(featureSetId: string): Promise<BackfillRecord | null> {
    const r = await this.pool.query<Row>(`${SELECT} WHERE feature_set_id = $1 AND status <> 'completed' ORDER BY started_at DESC LIMIT 1`, [featureSetId]);
    return r.rows.length === 0 ? null : toRecord(r.rows[0]);
  }

  /** Records committed dates: moves the resume point and adds to the counters. */
  async recordProgress(id: string, p: { lastDoneDate: string; dates: number; rows: number }): Promise<void> {
    await this.pool.query(
      `UPDATE feature_backfills SET last_done_date = $2, dates_done = dates_done + $3, rows_written = rows_written + $4, updated_at = ${NOW_UTC}
        WHERE id = $1`,
      [id, p.lastDoneDate, p.dates, p.rows],
    );
  }

  /** Sets the status (and the error of a failure); `running` again when resumed. */
  async setStatus(id: string, status: BackfillStatus, error: string | null = null): Promise<void> {
    await this.pool.query(`UPDATE feature_backfills SET status = $2, error = $3, updated_at = ${NOW_UTC} WHERE id = $1`, [id, status, error]);
  }
}

function toRecord(r: Row): BackfillRecord {
  return {
    id: r.id,
    featureSetId: r.feature_set_id,
    status: r.status,
    fromDate: r.from_date,
    toDate: r.to_date,
    lastDoneDate: r.last_done_date,
    datesTotal: r.dates_total,
    datesDone: r.dates_done,
    rowsWritten: r.rows_written,
    error: r.error,
    startedAt: new Date(r.started_ms),
    updatedAt: new Date(r.updated_ms),
  };
}
