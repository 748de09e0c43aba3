import type { Pool } from 'pg';
import { InvalidGradingRequestError } from '../errors';
import { parseStat } from '../shared/stats';
import { DriftRepository, type StoredDriftReport } from './drift.repository';

/** Reads stored drift reports, latest first. */
export class ListDriftReportsUseCase {
  private readonly repo: DriftRepository;

  constructor(pool: Pool) {
    this.repo = new DriftRepository(pool);
  }

  /** Reports of `stat` (all stats when omitted), at most `limit` (1..500, default 50). */
  async execute(request: { stat?: string; limit?: number } = {}): Promise<StoredDriftReport[]> {
    const limit = request.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new InvalidGradingRequestError(`limit must be an integer in 1..500, got ${String(request.limit)}`);
    return this.repo.list(request.stat ? parseStat(request.stat) : undefined, limit);
  }
}
