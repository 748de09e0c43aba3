import { z } from 'zod';
import { InvalidParameterError } from '../errors';
import { DateParam, FormatParam, parseParams } from '../shared/params';
import type { BetView } from './bet.types';
import type { BetsRepository } from './bets.repository';
import { gradeBet } from './grade-bet';
import { summariseBets, type BetDay, type BetFigures } from './summarise-bets';
import type { ReadModelRepositories } from '../composition/read-model-repositories';

/** Query of GET /bets. */
export const BetsQuerySchema = z.strictObject({ from: DateParam.optional(), to: DateParam.optional(), date: DateParam.optional(), format: FormatParam });

/** The bet log over a range: bets graded on read, open exposure and realised ROI per day, CLV and the model's expectation. */
export interface BetsReport {
  from: string | null;
  to: string | null;
  bets: BetView[];
  days: BetDay[];
  totals: BetFigures;
}

/** GET /bets: the bet log graded against box scores as they stand now (a stat correction regrades it). */
export class ListBetsUseCase {
  private readonly bets: BetsRepository;

  constructor(repositories: Pick<ReadModelRepositories, 'bets'>) {
    this.bets = repositories.bets;
  }

  /** Validates the query (400 naming the parameter). */
  async execute(rawQuery: unknown): Promise<BetsReport> {
    const q = parseParams(BetsQuerySchema, rawQuery);
    if (q.date && (q.from || q.to)) throw InvalidParameterError.of('date', 'give either date or from/to');
    const from = q.date ?? q.from ?? null;
    const to = q.date ?? q.to ?? null;
    if (from && to && from > to) throw InvalidParameterError.of('from', `${from} is after to (${to})`);
    const bets = (await this.bets.list({ from: from ?? undefined, to: to ?? undefined })).map(gradeBet);
    return { from, to, bets, ...summariseBets(bets) };
  }
}
