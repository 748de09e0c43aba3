import type { DriftRepository } from './drift.repository';
import { InvalidGradingRequestError } from '../errors';
import { ListDriftReportsUseCase } from './list-drift-reports.usecase';

describe('ListDriftReportsUseCase (in-memory repository)', () => {
  const asked: unknown[][] = [];
  const drift = { list: async (...args: unknown[]) => (asked.push(args), []) } as unknown as DriftRepository;
  const useCase = new ListDriftReportsUseCase({ drift });

  it('lists one stat (parsed) or all, 50 by default, and refuses a limit outside 1..500 without reading', async () => {
    await useCase.execute({ stat: 'threes' });
    await useCase.execute({ limit: 500 });
    await expect(useCase.execute({ limit: 501 })).rejects.toBeInstanceOf(InvalidGradingRequestError);
    await expect(useCase.execute({ limit: 0 })).rejects.toBeInstanceOf(InvalidGradingRequestError);
    expect(asked).toEqual([
      ['THREES', 50],
      [undefined, 500],
    ]);
  });
});
