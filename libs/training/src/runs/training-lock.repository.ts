import type { ModelTarget } from '@propcast/contracts';
import type { PrismaClient } from '@propcast/db';
import { TrainingLockHeldError, TrainingLockLostError } from '../errors';

/** A lease held on a stat's training slot. */
export interface TrainingLease {
  stat: ModelTarget;
  runId: string;
  holder: string;
  expiresAt: Date;
  /** The run whose expired lease this acquisition took over, if any (it crashed or hung). */
  tookOverRunId: string | null;
}

/**
 * One training run per stat at a time: a lease row in training_locks. A holder renews it (heartbeat) while it
 * trains; a crashed holder stops renewing, its lease expires and the next run takes the slot over.
 * Times come from the database clock, so pods with skewed clocks agree.
 */
export class TrainingLock {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly leaseMs: number,
  ) {}

  /** Takes the stat's lease for `runId` if it is free or expired; throws TrainingLockHeldError while another lease is live. */
  async acquire(stat: ModelTarget, runId: string, holder: string): Promise<TrainingLease> {
    const seconds = this.leaseMs / 1000;
    const rows = await this.prisma.$queryRaw<{ run_id: string; expires_at: Date; previous_run_id: string | null }[]>`
      WITH previous AS (SELECT run_id FROM training_locks WHERE stat = ${stat}::"StatType")
      INSERT INTO training_locks (stat, run_id, holder, acquired_at, expires_at)
      VALUES (${stat}::"StatType", ${runId}, ${holder}, now(), now() + make_interval(secs => ${seconds}::float8))
      ON CONFLICT (stat) DO UPDATE SET run_id = EXCLUDED.run_id, holder = EXCLUDED.holder, acquired_at = now(), expires_at = EXCLUDED.expires_at
        WHERE training_locks.expires_at < now()
      RETURNING run_id, expires_at, (SELECT run_id FROM previous) AS previous_run_id`;
    const row = rows[0];
    if (row) return { stat, runId, holder, expiresAt: row.expires_at, tookOverRunId: row.previous_run_id && row.previous_run_id !== runId ? row.previous_run_id : null };
    const held = await this.prisma.trainingLock.findUnique({ where: { stat } });
    if (!held) return this.acquire(stat, runId, holder);
    throw new TrainingLockHeldError(stat, held.runId, held.holder, held.expiresAt);
  }

  /** Extends the lease; throws TrainingLockLostError when it expired and another run took it. */
  async renew(lease: Pick<TrainingLease, 'stat' | 'runId'>): Promise<Date> {
    const seconds = this.leaseMs / 1000;
    const rows = await this.prisma.$queryRaw<{ expires_at: Date }[]>`
      UPDATE training_locks SET expires_at = now() + make_interval(secs => ${seconds}::float8)
      WHERE stat = ${lease.stat}::"StatType" AND run_id = ${lease.runId}
      RETURNING expires_at`;
    if (!rows[0]) throw new TrainingLockLostError(lease.stat, lease.runId);
    return rows[0].expires_at;
  }

  /** Frees the lease if this run still holds it. */
  async release(lease: Pick<TrainingLease, 'stat' | 'runId'>): Promise<void> {
    await this.prisma.trainingLock.deleteMany({ where: { stat: lease.stat, runId: lease.runId } });
  }
}
