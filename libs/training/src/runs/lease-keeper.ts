import { TrainingLockLostError } from '../errors';
import type { TrainingLease, TrainingLock } from './training-lock.repository';

/** Logs heartbeat problems. */
export interface LeaseLogger {
  /** Logs a warning with structured context. */
  warn(obj: object, message: string): void;
}

/**
 * Keeps a process's training leases alive: renews each one every `intervalMs` until released, and aborts the
 * run's signal when its lease was lost (expired and taken over), so the run stops instead of racing the new holder.
 */
export class LeaseKeeper {
  private readonly held = new Map<string, { lease: TrainingLease; controller: AbortController }>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly lock: TrainingLock,
    private readonly intervalMs: number,
    private readonly logger: LeaseLogger = { warn: () => undefined },
  ) {}

  /** Starts renewing `lease`; the returned signal aborts if the lease is lost. */
  keep(lease: TrainingLease): AbortSignal {
    const controller = new AbortController();
    this.held.set(lease.runId, { lease, controller });
    if (!this.timer) {
      this.timer = setInterval(() => void this.renewAll(), this.intervalMs);
      this.timer.unref();
    }
    return controller.signal;
  }

  /** Stops renewing and frees the lease. */
  async release(lease: TrainingLease): Promise<void> {
    this.held.delete(lease.runId);
    this.stopWhenIdle();
    await this.lock.release(lease);
  }

  /** Renews every held lease once (the timer calls this; exposed for tests). */
  async renewAll(): Promise<void> {
    await Promise.all(
      [...this.held.values()].map(async ({ lease, controller }) => {
        try {
          await this.lock.renew(lease);
        } catch (err) {
          if (err instanceof TrainingLockLostError) {
            this.held.delete(lease.runId);
            this.stopWhenIdle();
            controller.abort(err);
          } else {
            this.logger.warn({ err, stat: lease.stat, runId: lease.runId }, 'training lease renewal failed; retrying at the next heartbeat');
          }
        }
      }),
    );
  }

  private stopWhenIdle(): void {
    if (this.held.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}
