import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { TrainingLockHeldError, TrainingLockLostError } from '../errors';
import { LeaseKeeper } from './lease-keeper';
import { TrainingLock } from './training-lock.repository';

describe('TrainingLock (lease in training_locks)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('refuses a second run for the same stat while the lease is live, and allows other stats', async () => {
    const lock = new TrainingLock(db.prisma, 60_000);
    const first = await lock.acquire('POINTS', 'run-a', 'pod-1');
    expect(first.tookOverRunId).toBeNull();
    const refused = lock.acquire('POINTS', 'run-b', 'pod-2');
    await expect(refused).rejects.toBeInstanceOf(TrainingLockHeldError);
    await expect(refused).rejects.toMatchObject({ heldByRunId: 'run-a', holder: 'pod-1' });
    await expect(lock.acquire('REBOUNDS', 'run-c', 'pod-2')).resolves.toMatchObject({ runId: 'run-c' });
    await lock.release(first);
    await expect(lock.acquire('POINTS', 'run-b', 'pod-2')).resolves.toMatchObject({ runId: 'run-b', tookOverRunId: null });
  });

  it('lets a crashed holder’s lease expire and be taken over; the old holder then cannot renew', async () => {
    const lock = new TrainingLock(db.prisma, 300);
    const crashed = await lock.acquire('THREES', 'run-crashed', 'pod-1');
    await expect(lock.acquire('THREES', 'run-next', 'pod-2')).rejects.toBeInstanceOf(TrainingLockHeldError);
    await sleep(450);
    const next = await lock.acquire('THREES', 'run-next', 'pod-2');
    expect(next.tookOverRunId).toBe('run-crashed');
    await expect(lock.renew(crashed)).rejects.toBeInstanceOf(TrainingLockLostError);
    const row = await db.prisma.trainingLock.findUniqueOrThrow({ where: { stat: 'THREES' } });
    expect(row).toMatchObject({ runId: 'run-next', holder: 'pod-2' });
  });

  it('keeps a lease alive with heartbeats, and aborts the run when the lease was lost', async () => {
    const lock = new TrainingLock(db.prisma, 400);
    const lease = await lock.acquire('ASSISTS', 'run-alive', 'pod-1');
    const keeper = new LeaseKeeper(lock, 100);
    const signal = keeper.keep(lease);
    await sleep(900);
    await expect(lock.acquire('ASSISTS', 'run-other', 'pod-2')).rejects.toBeInstanceOf(TrainingLockHeldError);
    expect(signal.aborted).toBe(false);
    // Simulate a long stall: the lease expires and another pod takes it over.
    await db.prisma.trainingLock.update({ where: { stat: 'ASSISTS' }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await lock.acquire('ASSISTS', 'run-other', 'pod-2');
    await keeper.renewAll();
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(TrainingLockLostError);
    await keeper.release(lease);
    expect(await db.prisma.trainingLock.findUnique({ where: { stat: 'ASSISTS' } })).toMatchObject({ runId: 'run-other' });
  });
});
