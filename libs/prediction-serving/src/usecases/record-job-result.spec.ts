import { InvalidRequestError, JobNotFoundError } from '../errors';
import { InMemoryBatches, transactionOnlyPool } from '../testing/in-memory-batches';
import type { FinishBatchUseCase } from './finish-batch.usecase';
import { RecordJobResultUseCase, type RecordJobResultCommand } from './record-job-result.usecase';

function setup() {
  const batches = new InMemoryBatches();
  batches.addBatch({ id: 'pb-1', gameDate: '2025-01-10', requested: 5, state: 'STALLED' });
  batches.addJob({ id: 'pb-1.POINTS.0000', batchId: 'pb-1', requestCount: 3 });
  batches.addJob({ id: 'pb-1.POINTS.0001', batchId: 'pb-1', requestCount: 2 });
  const finishCalls: string[] = [];
  const finish = { execute: async ({ batchId }: { batchId: string }) => (finishCalls.push(batchId), { published: false }) } as unknown as FinishBatchUseCase;
  return { batches, finishCalls, record: new RecordJobResultUseCase(transactionOnlyPool(), { batches }, finish) };
}

const done = (jobId: string, succeeded: number, failed: number): RecordJobResultCommand => {
  const failures: Record<string, number> = failed ? { boom: failed } : {};
  return { kind: 'result', result: { jobId, state: 'DONE', attempts: 1, succeeded, failed, failures } };
};

describe('RecordJobResultUseCase (in-memory repositories)', () => {
  it('moves the batch counters by the job result, revives a stalled batch and asks to finish it', async () => {
    const { batches, finishCalls, record } = setup();
    expect(await record.execute(done('pb-1.POINTS.0000', 2, 1))).toEqual({ recorded: true, batchId: 'pb-1' });
    expect(batches.batches.get('pb-1')).toMatchObject({ completed: 2, failed: 1, state: 'RUNNING' });
    expect(finishCalls).toEqual(['pb-1']);
  });

  it('never overwrites a DONE job (a repeated report changes nothing)', async () => {
    const { batches, record } = setup();
    await record.execute(done('pb-1.POINTS.0000', 3, 0));
    expect(await record.execute(done('pb-1.POINTS.0000', 0, 3))).toEqual({ recorded: false, batchId: 'pb-1', reason: 'already_done' });
    expect(batches.batches.get('pb-1')).toMatchObject({ completed: 3, failed: 0 });
  });

  it('counts every request of a job failed past its attempts as failed, with the reason', async () => {
    const { batches, record } = setup();
    await record.execute({ kind: 'failure', jobId: 'pb-1.POINTS.0001', attempts: 5, reason: 'worker crashed' });
    expect(batches.batches.get('pb-1')).toMatchObject({ completed: 0, failed: 2 });
    expect(batches.jobs.get('pb-1.POINTS.0001')).toMatchObject({ state: 'FAILED', failures: { 'job failed after 5 attempt(s): worker crashed': 2 } });
  });

  it('rejects a result whose counts do not match the job and an unknown job, writing nothing', async () => {
    const { batches, finishCalls, record } = setup();
    await expect(record.execute(done('pb-1.POINTS.0000', 1, 1))).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(record.execute(done('nope', 1, 0))).rejects.toBeInstanceOf(JobNotFoundError);
    expect(batches.batches.get('pb-1')).toMatchObject({ completed: 0, failed: 0 });
    expect(finishCalls).toEqual([]);
  });
});
