import type { EventEnvelope } from '@propcast/contracts';
import type { Pool, PoolClient } from 'pg';

/** Something that runs SQL: the pool (its own statement) or a client inside the caller's transaction. */
export type Queryable = Pick<Pool, 'query'> | PoolClient;

/** One event to write: the envelope, and the key whose events must reach the bus in order (null: no order). */
export interface OutboxItem {
  event: EventEnvelope;
  aggregateKey: string | null;
}

/** A pending row the relay has locked. */
export interface ClaimedEvent {
  id: string;
  eventId: string;
  attempts: number;
  payload: EventEnvelope;
}

/** How far behind the outbox is. */
export interface OutboxBacklog {
  pending: number;
  oldestPendingAgeSeconds: number;
}

const NOW = `(clock_timestamp() AT TIME ZONE 'UTC')`;

/** SQL of the `outbox` table: write, claim (FOR UPDATE SKIP LOCKED), mark, measure, purge. */
export class OutboxRepository {
  /** Inserts the events (an event id already present is left as it is: a retried write stays one event). */
  async insert(db: Queryable, items: readonly OutboxItem[]): Promise<void> {
    for (let i = 0; i < items.length; i += 500) {
      const chunk = items.slice(i, i + 500);
      await db.query(
        `INSERT INTO outbox (event_id, event_type, aggregate_key, payload, created_at, next_attempt_at)
         SELECT e.event_id, e.event_type, e.aggregate_key, e.payload, ${NOW}, ${NOW}
           FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[]) AS e(event_id, event_type, aggregate_key, payload)
         ON CONFLICT (event_id) DO NOTHING`,
        [chunk.map((c) => c.event.id), chunk.map((c) => c.event.type), chunk.map((c) => c.aggregateKey), chunk.map((c) => JSON.stringify(c.event))],
      );
    }
  }

  /**
   * Locks up to `limit` due rows, oldest first, skipping rows another relay holds. Only the oldest pending row of an
   * aggregate qualifies, so a later event of the same key never overtakes an earlier one (even one another replica holds).
   */
  async claim(client: PoolClient, limit: number): Promise<ClaimedEvent[]> {
    const result = await client.query<{ id: string; event_id: string; attempts: number; payload: EventEnvelope }>(
      `SELECT o.id::text AS id, o.event_id, o.attempts, o.payload
         FROM outbox o
        WHERE o.published_at IS NULL AND o.next_attempt_at <= ${NOW}
          AND (o.aggregate_key IS NULL OR NOT EXISTS (
                SELECT 1 FROM outbox e WHERE e.aggregate_key = o.aggregate_key AND e.published_at IS NULL AND e.id < o.id))
        ORDER BY o.id
        LIMIT $1
        FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return result.rows.map((r) => ({ id: r.id, eventId: r.event_id, attempts: r.attempts, payload: r.payload }));
  }

  async markPublished(client: PoolClient, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await client.query(`UPDATE outbox SET published_at = ${NOW}, attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::bigint[])`, [ids]);
  }

  async markFailed(client: PoolClient, id: string, error: string, retryInMs: number): Promise<void> {
    await client.query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = ${NOW} + ($3::int * interval '1 millisecond') WHERE id = $1::bigint`, [
      id,
      error.slice(0, 1000),
      Math.round(retryInMs),
    ]);
  }

  /** How many of these events are not published yet. */
  async pendingAmong(db: Queryable, eventIds: readonly string[]): Promise<number> {
    if (eventIds.length === 0) return 0;
    const result = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE event_id = ANY($1::text[]) AND published_at IS NULL`, [eventIds]);
    return result.rows[0]?.n ?? 0;
  }

  /** Pending rows and the age of the oldest (0 when none). */
  async backlog(db: Queryable): Promise<OutboxBacklog> {
    const result = await db.query<{ pending: number; age: number | null }>(
      `SELECT count(*)::int AS pending, EXTRACT(EPOCH FROM (${NOW} - min(created_at)))::float8 AS age FROM outbox WHERE published_at IS NULL`,
    );
    const row = result.rows[0];
    return { pending: row?.pending ?? 0, oldestPendingAgeSeconds: Math.max(0, row?.age ?? 0) };
  }

  /** Deletes rows published more than `olderThanDays` ago; returns how many. */
  async purgePublished(db: Queryable, olderThanDays: number): Promise<number> {
    const result = await db.query(`DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < ${NOW} - ($1::int * interval '1 day')`, [olderThanDays]);
    return result.rowCount ?? 0;
  }
}

/** The ordering key of an event: per type, the game date, stat or batch it is about (null when it names none). */
export function aggregateKeyOf(event: EventEnvelope): string | null {
  const data = event.data as Record<string, unknown>;
  for (const field of ['gameDate', 'stat', 'batchId']) {
    const value = data[field];
    if (typeof value === 'string' && value !== '') return `${event.type}:${value}`;
  }
  return null;
}
