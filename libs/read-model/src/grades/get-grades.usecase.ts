import { z } from 'zod';
import type { GradingRepository } from '@propcast/grading';
import { InvalidParameterError } from '../errors';
import { DateParam, FormatParam, parseParams, StatParam, TextParam } from '../shared/params';
import { summariseBySource, type GradeGroup } from './summarise-by-source';
import type { ReadModelRepositories } from '../composition/read-model-repositories';

/** Longest range a grades query covers (days). */
export const MAX_GRADE_RANGE_DAYS = 400;

/** Query of GET /grades. */
export const GradesQuerySchema = z.strictObject({
  from: DateParam,
  to: DateParam,
  stat: StatParam.optional(),
  model: TextParam.optional(),
  format: FormatParam,
});

/** Graded performance over a date range by stat and model. */
export interface GradesReport {
  from: string;
  to: string;
  groups: GradeGroup[];
}

/**
 * GET /grades: hit rate, ROI and Brier against the vig-free market by stat and model over a date range, real and
 * PROXY lines apart (a proxy line is not a market: its figures say nothing about beating books).
 */
export class GetGradesUseCase {
  private readonly grading: GradingRepository;

  constructor(repositories: Pick<ReadModelRepositories, 'grading'>) {
    this.grading = repositories.grading;
  }

  /** Validates the query (400 naming the parameter); a range without grades is an empty list. */
  async execute(rawQuery: unknown): Promise<GradesReport> {
    const q = parseParams(GradesQuerySchema, rawQuery);
    if (q.from > q.to) throw InvalidParameterError.of('from', `${q.from} is after to (${q.to})`);
    const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;
    if (days > MAX_GRADE_RANGE_DAYS) throw InvalidParameterError.of('to', `the range covers ${days} days; at most ${MAX_GRADE_RANGE_DAYS}`);
    const rows = await this.grading.gradedRows({ from: q.from, to: q.to, stat: q.stat, modelId: q.model });
    return { from: q.from, to: q.to, groups: summariseBySource(rows) };
  }
}
