import { InvalidGradingRequestError } from '../errors';
import { parseStat } from '../shared/stats';
import { DriftRepository, type StoredDriftReport } from './drift.repository';
import type { GradingRepositories } from '../composition/grading-repositories';

/** Reads stored drift reports, latest first. */
export class ListDriftReportsUseCase {
  private readonly repo: DriftRepository;

  constructor(repositories: Pick<GradingRepositories, 'drift'>) {
    this.repo = repositories.drift;
  }

  /** Reports of `stat` (all stats when omitted), at most `limit` (1..500, default 50). */
  async execute(request: { stat?: string; limit?: number } = {}): Promise<StoredDriftReport[]> {
    const limit = request.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new InvalidGradingRequestError(`limit must be an integer in 1..500, got ${String(request.limit)}`);
    return this.repo.list(request.stat ? parseStat(request.stat) : undefined, limit);
  }
}
