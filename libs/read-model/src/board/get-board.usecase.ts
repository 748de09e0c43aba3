import { z } from 'zod';
import { DateParam, parseParams } from '../shared/params';
import type { BoardRepository } from './board.repository';
import { renderBoardPage } from './render-board';
import type { ReadModelRepositories } from '../composition/read-model-repositories';

/** Query of GET / (the slate board). */
export const BoardQuerySchema = z.strictObject({ date: DateParam.optional() });

/** GET /: the slate board page of a date (default: the latest date with predictions). */
export class GetBoardUseCase {
  private readonly board: BoardRepository;

  constructor(repositories: Pick<ReadModelRepositories, 'board'>) {
    this.board = repositories.board;
  }

  /** The page's HTML; its script loads the picks, games and grades with the key kept in the browser. */
  async execute(rawQuery: unknown, options: { keyRequired: boolean; today?: string }): Promise<string> {
    const q = parseParams(BoardQuerySchema, rawQuery);
    const dates = await this.board.recentDates(14);
    const date = q.date ?? dates[0] ?? options.today ?? new Date().toISOString().slice(0, 10);
    return renderBoardPage({ date, recentDates: dates, keyRequired: options.keyRequired });
  }
}
