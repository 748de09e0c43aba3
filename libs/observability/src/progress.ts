import { SingleBar } from 'cli-progress';

export interface ProgressSnapshot {
  label: string;
  done: number;
  total: number;
  unit: string;
  ratePerSecond: number;
  etaSeconds: number | null;
}

/**
 * Reports progress of long work: a bar on a terminal, a plain line every few seconds otherwise
 * (CI logs, services), and a snapshot any status API can return.
 */
export class ProgressReporter {
  private done = 0;
  private readonly startedAt = Date.now();
  private lastLineAt = 0;
  private bar: SingleBar | null = null;

  constructor(
    private readonly label: string,
    private total: number,
    private readonly opts: { unit?: string; stream?: NodeJS.WriteStream; quiet?: boolean; lineEveryMs?: number } = {},
  ) {
    const stream = opts.stream ?? process.stderr;
    if (!opts.quiet && stream.isTTY) {
      this.bar = new SingleBar({
        stream,
        format: `${label} [{bar}] {percentage}% | {value}/{total} ${opts.unit ?? ''} | {rate}/s | ETA {eta_formatted}`,
        hideCursor: true,
      });
      this.bar.start(total, 0, { rate: '0' });
    }
  }

  /** Sets the absolute amount done (and optionally a new total). */
  update(done: number, total = this.total): void {
    this.done = done;
    this.total = total;
    const snap = this.snapshot();
    if (this.bar) {
      this.bar.setTotal(total);
      this.bar.update(done, { rate: snap.ratePerSecond.toFixed(0) });
    } else if (!this.opts.quiet && Date.now() - this.lastLineAt >= (this.opts.lineEveryMs ?? 5000)) {
      this.lastLineAt = Date.now();
      (this.opts.stream ?? process.stderr).write(`${this.describe(snap)}\n`);
    }
  }

  /** Adds `n` to the amount done. */
  increment(n = 1): void {
    this.update(this.done + n);
  }

  /** Current progress, rate and ETA. */
  snapshot(): ProgressSnapshot {
    const seconds = Math.max((Date.now() - this.startedAt) / 1000, 1e-3);
    const rate = this.done / seconds;
    return {
      label: this.label,
      done: this.done,
      total: this.total,
      unit: this.opts.unit ?? '',
      ratePerSecond: rate,
      etaSeconds: rate > 0 ? Math.max(0, (this.total - this.done) / rate) : null,
    };
  }

  /** Stops the bar and prints a final line. */
  finish(message?: string): void {
    this.bar?.update(this.done);
    this.bar?.stop();
    if (!this.opts.quiet) (this.opts.stream ?? process.stderr).write(`${message ?? this.describe(this.snapshot())}\n`);
  }

  private describe(s: ProgressSnapshot): string {
    const pct = s.total > 0 ? ((100 * s.done) / s.total).toFixed(1) : '0.0';
    const eta = s.etaSeconds === null ? '?' : `${s.etaSeconds.toFixed(0)}s`;
    return `${s.label}: ${s.done}/${s.total} ${s.unit} (${pct}%), ${s.ratePerSecond.toFixed(0)}/s, ETA ${eta}`;
  }
}
