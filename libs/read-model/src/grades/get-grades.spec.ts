import type { GradingRepository } from '@propcast/grading';
import { InvalidParameterError } from '../errors';
import { GetGradesUseCase } from './get-grades.usecase';

/** A grading repository that records what it was asked and holds no grade (the use case's own logic, no Postgres). */
function recordingGrades() {
  const asked: unknown[] = [];
  const grading = { gradedRows: async (query: unknown) => (asked.push(query), []) } as unknown as GradingRepository;
  return { asked, useCase: new GetGradesUseCase({ grading }) };
}

describe('GetGradesUseCase (in-memory repository)', () => {
  it('reads the range, stat and model asked for, and answers a range without grades with no group', async () => {
    const { asked, useCase } = recordingGrades();
    expect(await useCase.execute({ from: '2025-01-01', to: '2025-01-31', stat: 'points', model: 'points-v3' })).toEqual({ from: '2025-01-01', to: '2025-01-31', groups: [] });
    expect(asked).toEqual([{ from: '2025-01-01', to: '2025-01-31', stat: 'POINTS', modelId: 'points-v3' }]);
  });

  it('refuses an inverted or too long range, naming the parameter, without reading anything', async () => {
    const { asked, useCase } = recordingGrades();
    await expect(useCase.execute({ from: '2025-02-01', to: '2025-01-01' })).rejects.toMatchObject({ parameter: 'from' });
    await expect(useCase.execute({ from: '2020-01-01', to: '2025-01-01' })).rejects.toBeInstanceOf(InvalidParameterError);
    expect(asked).toEqual([]);
  });
});
