import type { StatType } from '@propcast/contracts';
import { parseDateRange } from '../shared/dates';
import { parseStat } from '../shared/stats';
import { summarise, type DateSummary } from './grade-date.usecase';
import { GradingRepository, type StoredGradeSummary } from './grading.repository';
import type { GradingRepositories } from '../composition/grading-repositories';

/** Filters of a grades query (strings as they come from HTTP or the CLI). */
export interface ListGradesRequest {
  from: string;
  to: string;
  stat?: string;
  /** A model id. */
  model?: string;
}

/** Daily summaries and, per (model, stat), the same aggregates over the whole range. */
export interface GradesReport {
  from: string;
  to: string;
  stat: StatType | null;
  model: string | null;
  days: StoredGradeSummary[];
  totals: DateSummary[];
}

/** Reads graded performance over a date range: the stored daily summaries plus range totals computed from the grades. */
export class ListGradesUseCase {
  private readonly repo: GradingRepository;

  constructor(repositories: Pick<GradingRepositories, 'grades'>) {
    this.repo = repositories.grades;
  }

  /** Validates the filters and returns daily summaries and range totals. */
  async execute(request: ListGradesRequest): Promise<GradesReport> {
    const { from, to } = parseDateRange(request.from, request.to);
    const stat = request.stat ? parseStat(request.stat) : undefined;
    const modelId = request.model?.trim() || undefined;
    const query = { from, to, stat, modelId };
    const [days, rows] = await Promise.all([this.repo.summaries(query), this.repo.gradedRows(query)]);
    return { from, to, stat: stat ?? null, model: modelId ?? null, days, totals: summarise(rows) };
  }
}
