import { JobNotFoundError } from '../errors';
import { InMemoryBatches, transactionOnlyPool } from '../testing/in-memory-batches';
import type { FinishBatchUseCase } from './finish-batch.usecase';
import { RecordJobFailureUseCase } from './record-job-failure.usecase';

function setup() {
  const batches = new InMemoryBatches();
  batches.addBatch({ id: 'pb-1', gameDate: '2025-01-10', requested: 5, state: 'STALLED' });
  batches.addJob({ id: 'pb-1.POINTS.0000', batchId: 'pb-1', requestCount: 3, state: 'DONE', succeeded: 3 });
  batches.addJob({ id: 'pb-1.POINTS.0001', batchId: 'pb-1', requestCount: 2 });
  const finishCalls: string[] = [];
  const finish = { execute: async ({ batchId }: { batchId: string }) => (finishCalls.push(batchId), { published: false }) } as unknown as FinishBatchUseCase;
  return { batches, finishCalls, record: new RecordJobFailureUseCase(transactionOnlyPool(), { batches }, finish) };
}

describe('RecordJobFailureUseCase (in-memory repositories)', () => {
  it('counts every request of a job failed past its attempts as failed, with the reason, revives a stalled batch and asks to finish it', async () => {
    const { batches, finishCalls, record } = setup();
    expect(await record.execute({ jobId: 'pb-1.POINTS.0001', attempts: 5, reason: 'worker crashed' })).toEqual({ recorded: true, batchId: 'pb-1' });
    expect(batches.batches.get('pb-1')).toMatchObject({ completed: 0, failed: 2, state: 'RUNNING' });
    expect(batches.jobs.get('pb-1.POINTS.0001')).toMatchObject({ state: 'FAILED', failures: { 'job failed after 5 attempt(s): worker crashed': 2 } });
    expect(finishCalls).toEqual(['pb-1']);
  });

  it('records a repeated failure report once', async () => {
    const { batches, record } = setup();
    await record.execute({ jobId: 'pb-1.POINTS.0001', attempts: 5, reason: 'worker crashed' });
    await record.execute({ jobId: 'pb-1.POINTS.0001', attempts: 5, reason: 'worker crashed' });
    expect(batches.batches.get('pb-1')).toMatchObject({ failed: 2 });
  });

  it('never overwrites a DONE job (the worker recorded it with its predictions)', async () => {
    const { batches, record } = setup();
    expect(await record.execute({ jobId: 'pb-1.POINTS.0000', attempts: 5, reason: 'late failure event' })).toEqual({ recorded: false, batchId: 'pb-1', reason: 'already_done' });
    expect(batches.jobs.get('pb-1.POINTS.0000')).toMatchObject({ state: 'DONE', succeeded: 3, failed: 0 });
    expect(batches.batches.get('pb-1')).toMatchObject({ failed: 0 });
  });

  it('rejects an unknown job, writing nothing', async () => {
    const { batches, finishCalls, record } = setup();
    await expect(record.execute({ jobId: 'nope', attempts: 1, reason: 'x' })).rejects.toBeInstanceOf(JobNotFoundError);
    expect(batches.batches.get('pb-1')).toMatchObject({ completed: 0, failed: 0 });
    expect(finishCalls).toEqual([]);
  });
});
