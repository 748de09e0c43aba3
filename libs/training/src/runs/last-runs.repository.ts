import type { Pool } from 'pg';
import type { ModelTarget } from '@propcast/contracts';
import type { LastRuns } from './refresh-training-metrics.usecase';

/** SQL of the newest finished training runs per stat (pg: one aggregate over training_runs with FILTER). */
export class LastRunsRepository {
  constructor(private readonly pool: Pool) {}

  /** The newest FAILED and SUCCEEDED finish of every stat that has finished runs, by stat. */
  async lastRuns(): Promise<LastRuns[]> {
    const result = await this.pool.query<{ stat: ModelTarget; failed: number | null; succeeded: number | null }>(
      `SELECT stat,
              extract(epoch FROM max(finished_at) FILTER (WHERE status = 'FAILED'))::float8 AS failed,
              extract(epoch FROM max(finished_at) FILTER (WHERE status = 'SUCCEEDED'))::float8 AS succeeded
       FROM training_runs WHERE finished_at IS NOT NULL GROUP BY stat ORDER BY stat`,
    );
    return result.rows.map((r) => ({ stat: r.stat, lastFailure: r.failed, lastSuccess: r.succeeded }));
  }
}
