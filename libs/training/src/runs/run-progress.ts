import type { TrainingRunRepository } from './training-run.repository';

/** Called with every progress update (e.g. a CLI progress bar). */
export type ProgressListener = (progress: number, message: string) => void;

/**
 * Records a run's progress in training_runs without flooding the database: updates are coalesced and written
 * at most once per `intervalMs`, in order; `flush()` writes the latest one now.
 */
export class RunProgress {
  private latest: { progress: number; message: string } | null = null;
  private writing: Promise<void> = Promise.resolve();
  private lastWriteAt = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly runs: TrainingRunRepository,
    private readonly runId: string,
    private readonly listener?: ProgressListener,
    private readonly intervalMs = 1000,
  ) {}

  /** Reports progress (0..1); never blocks. */
  report(progress: number, message: string): void {
    this.latest = { progress, message };
    this.listener?.(progress, message);
    if (this.timer) return;
    const wait = Math.max(0, this.lastWriteAt + this.intervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, wait);
    this.timer.unref?.();
  }

  /** Writes the latest reported progress (if any) after earlier writes. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const update = this.latest;
    this.latest = null;
    if (update) {
      this.lastWriteAt = Date.now();
      this.writing = this.writing.then(() => this.runs.progress(this.runId, update.progress, update.message)).catch(() => undefined);
    }
    return this.writing;
  }
}
