import type { Pool, PoolClient } from 'pg';
import type { JobRow } from '../batches/batch.repository';
import type { BatchRow, FailureCount, JobResult, ModelVersionUsage, StatProgress } from '../batches/batch.types';

/**
 * A Pool for use cases whose repositories are in memory: transactions open and commit on a client that accepts
 * BEGIN/COMMIT/ROLLBACK only, so any SQL a use case ran itself (outside its repositories) fails the test.
 */
export function transactionOnlyPool(): Pool {
  const client = {
    async query(sql: string) {
      if (!/^(BEGIN|COMMIT|ROLLBACK)$/.test(sql)) throw new Error(`unexpected SQL outside a repository: ${sql}`);
      return { rows: [], rowCount: 0 };
    },
    on: () => client,
    removeListener: () => client,
    release: () => undefined,
  };
  return {
    connect: async () => client as unknown as PoolClient,
    query: async (sql: string) => client.query(sql),
  } as unknown as Pool;
}

/** prediction_batches and prediction_jobs in memory, for unit tests of the use cases that read and record them. */
export class InMemoryBatches {
  readonly batches = new Map<string, BatchRow>();
  readonly jobs = new Map<string, JobRow & { failures: Record<string, number> }>();
  readonly finished: { batchId: string; state: string }[] = [];

  addBatch(batch: Partial<BatchRow> & Pick<BatchRow, 'id' | 'gameDate'>): BatchRow {
    const row: BatchRow = {
      attempt: 0,
      state: 'RUNNING',
      trigger: 'manual',
      stats: ['POINTS'],
      playerIds: [],
      causeBatchId: null,
      requested: 0,
      completed: 0,
      failed: 0,
      modelVersions: null,
      createdAt: '2025-01-10T12:00:00.000Z',
      startedAt: '2025-01-10T12:00:01.000Z',
      finishedAt: null,
      lastProgressAt: null,
      readyPublishedAt: null,
      ...batch,
    };
    this.batches.set(row.id, row);
    return row;
  }

  addJob(job: Pick<JobRow, 'id' | 'batchId' | 'requestCount'> & Partial<JobRow>): void {
    this.jobs.set(job.id, { stat: 'POINTS', state: 'QUEUED', succeeded: 0, failed: 0, failures: {}, ...job });
  }

  async findById(_db: unknown, id: string): Promise<BatchRow | null> {
    return this.batches.get(id) ?? null;
  }

  async latestForDate(_db: unknown, gameDate: string): Promise<BatchRow | null> {
    const ofDate = [...this.batches.values()].filter((b) => b.gameDate === gameDate);
    return ofDate.sort((a, b) => b.attempt - a.attempt)[0] ?? null;
  }

  async lockJob(_db: unknown, jobId: string): Promise<JobRow | null> {
    const job = this.jobs.get(jobId);
    if (!job) return null;
    const { failures: _failures, ...row } = job;
    return { ...row };
  }

  async saveJobResult(_db: unknown, before: JobRow, result: JobResult): Promise<void> {
    this.jobs.set(before.id, { ...before, state: result.state, succeeded: result.succeeded, failed: result.failed, failures: result.failures });
    const batch = this.batches.get(before.batchId)!;
    batch.completed += result.succeeded - before.succeeded;
    batch.failed += result.failed - before.failed;
    if (batch.state === 'STALLED') batch.state = 'RUNNING';
  }

  async statProgress(_db: unknown, batchId: string): Promise<StatProgress[]> {
    const byStat = new Map<string, StatProgress>();
    for (const j of [...this.jobs.values()].filter((x) => x.batchId === batchId)) {
      const p = byStat.get(j.stat) ?? { stat: j.stat, requested: 0, completed: 0, failed: 0, jobs: 0, jobsQueued: 0 };
      p.requested += j.requestCount;
      p.completed += j.succeeded;
      p.failed += j.failed;
      p.jobs += 1;
      if (j.state === 'QUEUED') p.jobsQueued += 1;
      byStat.set(j.stat, p);
    }
    return [...byStat.values()];
  }

  async failureCounts(_db: unknown, batchId: string): Promise<FailureCount[]> {
    const counts = new Map<string, FailureCount>();
    for (const j of [...this.jobs.values()].filter((x) => x.batchId === batchId)) {
      for (const [reason, count] of Object.entries(j.failures)) {
        const key = `${j.stat}|${reason}`;
        const c = counts.get(key) ?? { stat: j.stat, reason, count: 0 };
        c.count += count;
        counts.set(key, c);
      }
    }
    return [...counts.values()];
  }

  async modelUsage(): Promise<ModelVersionUsage[]> {
    return [];
  }
}
