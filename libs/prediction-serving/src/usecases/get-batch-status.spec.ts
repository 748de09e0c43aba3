import { BatchNotFoundError } from '../errors';
import { InMemoryBatches, transactionOnlyPool } from '../testing/in-memory-batches';
import { GetBatchStatusUseCase } from './get-batch-status.usecase';

function setup() {
  const batches = new InMemoryBatches();
  return { batches, status: new GetBatchStatusUseCase(transactionOnlyPool(), { batches }) };
}

describe('GetBatchStatusUseCase (in-memory repositories)', () => {
  it('reports counts, progress in percent with one decimal, per stat and failures by reason', async () => {
    const { batches, status } = setup();
    batches.addBatch({ id: 'pb-1', gameDate: '2025-01-10', requested: 3, completed: 1, failed: 1 });
    batches.addJob({ id: 'j1', batchId: 'pb-1', requestCount: 2, state: 'DONE', succeeded: 1, failed: 1 });
    batches.jobs.get('j1')!.failures = { 'no feature row': 1 };
    batches.addJob({ id: 'j2', batchId: 'pb-1', requestCount: 1 });

    const answer = await status.execute({ batchId: 'pb-1' });
    expect(answer).toMatchObject({ batchId: 'pb-1', state: 'RUNNING', requested: 3, completed: 1, failed: 1, progressPercent: 66.7 });
    expect(answer.perStat).toEqual([{ stat: 'POINTS', requested: 3, completed: 1, failed: 1, jobs: 2, jobsQueued: 1 }]);
    expect(answer.failures).toEqual([{ stat: 'POINTS', reason: 'no feature row', count: 1 }]);
  });

  it("answers a date's latest attempt, 0% while PENDING and 100% for an empty running batch", async () => {
    const { batches, status } = setup();
    batches.addBatch({ id: 'pb-a0', gameDate: '2025-01-10', attempt: 0, state: 'COMPLETED' });
    batches.addBatch({ id: 'pb-a1', gameDate: '2025-01-10', attempt: 1, state: 'PENDING' });
    expect(await status.execute({ gameDate: '2025-01-10' })).toMatchObject({ batchId: 'pb-a1', progressPercent: 0 });
    batches.addBatch({ id: 'pb-empty', gameDate: '2025-01-11', state: 'RUNNING', requested: 0 });
    expect(await status.execute({ batchId: 'pb-empty' })).toMatchObject({ progressPercent: 100 });
  });

  it('throws BatchNotFoundError for an unknown batch or date', async () => {
    const { status } = setup();
    await expect(status.execute({ batchId: 'nope' })).rejects.toBeInstanceOf(BatchNotFoundError);
    await expect(status.execute({ gameDate: '2030-01-01' })).rejects.toBeInstanceOf(BatchNotFoundError);
  });
});
