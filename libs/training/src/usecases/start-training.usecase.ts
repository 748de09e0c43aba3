import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { GameDate } from '@propcast/common';
import type { ModelTarget } from '@propcast/contracts';
import { projectRowsOutOfFold, type MinutesProjectionSettings } from '../minutes/project-rows';
import { isPropStat } from '../stats';
import type { DateWindow, PlayerGameRows, PlayerGameRowSource } from '../dataset/dataset.types';
import { InvalidTrainingRequestError, TrainingLockHeldError } from '../errors';
import type { LeaseKeeper } from '../runs/lease-keeper';
import type { ProgressListener } from '../runs/run-progress';
import type { TrainingLease, TrainingLock } from '../runs/training-lock.repository';
import type { TrainingRunRepository } from '../runs/training-run.repository';
import type { TrainingSettings, TrainStatResult, TrainStatUseCase } from './train-stat.usecase';

/** Why training was started (training_runs.trigger). */
export type TrainingTrigger = 'manual' | 'cli' | 'schedule' | 'drift';

/** Train one or more stats over a window with a search budget. */
export interface StartTrainingCommand {
  stats: readonly ModelTarget[];
  /** Dates of the feature rows to use; default: everything up to today. */
  window?: Partial<DateWindow>;
  budgetMinutes?: number;
  trigger: TrainingTrigger;
  /** Who asked: the API key name of POST /train (training_runs.actor); absent for events, schedules and the CLI. */
  actor?: string;
  /** Free text kept in the run's params (e.g. the drift reason). */
  reason?: string;
  /** Progress of each run (e.g. a CLI bar); runs also record it in training_runs. */
  onProgress?: (stat: ModelTarget, runId: string, progress: number, message: string) => void;
}

/** A run that got its stat's lease and was queued. */
export interface StartedRun {
  runId: string;
  stat: ModelTarget;
}

/** A stat that was not started because another live run holds its lease. */
export interface RefusedStat {
  stat: ModelTarget;
  reason: string;
  heldByRunId: string;
}

/** Outcome of one queued run once it finished. */
export type RunOutcome = { runId: string; stat: ModelTarget; ok: true; result: TrainStatResult } | { runId: string; stat: ModelTarget; ok: false; error: Error };

/** Runs started now, stats refused, and a promise of every run's outcome. */
export interface StartTrainingResult {
  runs: StartedRun[];
  refused: RefusedStat[];
  completion: Promise<RunOutcome[]>;
}

/** Collaborators and defaults of {@link StartTrainingUseCase}. */
export interface StartTrainingDependencies {
  source: PlayerGameRowSource;
  lock: TrainingLock;
  leases: LeaseKeeper;
  runs: TrainingRunRepository;
  trainStat: TrainStatUseCase;
  settings: TrainingSettings;
  defaultBudgetMinutes: number;
  /** Identifies this process in training_locks.holder. */
  holder?: string;
  today?: () => string;
}

/**
 * Starts training runs: takes each stat's lease (refusing stats whose lease is live, taking over expired ones and
 * failing the run that abandoned it), records QUEUED runs, and trains them one after another in the background
 * (libxgboost uses every core) from one shared read of the dataset, renewing the leases while they wait and work.
 */
export class StartTrainingUseCase {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly holder: string;

  constructor(private readonly deps: StartTrainingDependencies) {
    this.holder = deps.holder ?? `${hostname()}:${process.pid}`;
  }

  /** Starts what can be started now; never waits for training (await `completion` for that). */
  async execute(command: StartTrainingCommand): Promise<StartTrainingResult> {
    if (command.stats.length === 0) throw new InvalidTrainingRequestError('no stat to train');
    const window = this.resolveWindow(command.window);
    const budgetMinutes = command.budgetMinutes ?? this.deps.defaultBudgetMinutes;
    if (!(budgetMinutes >= 0 && budgetMinutes <= 24 * 60)) throw new InvalidTrainingRequestError(`budget must be between 0 and 1440 minutes, got ${budgetMinutes}`);

    const leases: TrainingLease[] = [];
    const refused: RefusedStat[] = [];
    for (const stat of new Set(command.stats)) {
      try {
        const lease = await this.deps.lock.acquire(stat, randomUUID(), this.holder);
        if (lease.tookOverRunId) {
          await this.deps.runs.failAbandoned(lease.tookOverRunId, `lease expired without renewal (holder crashed or hung); taken over by run ${lease.runId}`);
        }
        await this.deps.runs.create({
          id: lease.runId,
          stat,
          trigger: command.trigger,
          actor: command.actor ?? null,
          params: { window, budgetMinutes, featureSetId: this.deps.settings.featureSet.id, seasonTypes: this.deps.settings.seasonTypes, reason: command.reason ?? null },
        });
        leases.push(lease);
      } catch (err) {
        if (!(err instanceof TrainingLockHeldError)) throw err;
        refused.push({ stat, reason: err.message, heldByRunId: err.heldByRunId });
      }
    }
    const signals = new Map(leases.map((l) => [l.runId, this.deps.leases.keep(l)]));
    const completion = this.enqueue(() => this.runAll(leases, signals, window, budgetMinutes, command));
    return { runs: leases.map((l) => ({ runId: l.runId, stat: l.stat })), refused, completion };
  }

  private async runAll(leases: TrainingLease[], signals: Map<string, AbortSignal>, window: DateWindow, budgetMinutes: number, command: StartTrainingCommand): Promise<RunOutcome[]> {
    const { settings } = this.deps;
    let rows: Promise<PlayerGameRows> | null = null;
    // One read serves every stat of the request (the rows carry all five targets).
    const loadRows = () => (rows ??= this.deps.source.read({ featureSetId: settings.featureSet.id, featureNames: settings.featureNames, window, seasonTypes: settings.seasonTypes }));
    // Prop stats with the minutes projection share one out-of-fold projection of the same rows.
    let projected: Promise<PlayerGameRows> | null = null;
    const projection = settings.minutesProjection ?? null;
    const outcomes: RunOutcome[] = [];
    for (const lease of leases) {
      const { stat, runId } = lease;
      try {
        const onProgress: ProgressListener | undefined = command.onProgress && ((p, m) => command.onProgress?.(stat, runId, p, m));
        const signal = signals.get(runId);
        const loadProjected = () =>
          (projected ??= loadRows().then((r) =>
            projectRowsOutOfFold(r, projection as MinutesProjectionSettings, {
              signal,
              onFold: (done, total) => onProgress?.(0.01 + (0.03 * done) / total, `minutes projection: date block ${done} of ${total}`),
            }).then((p) => p.rows),
          ));
        const rowsOf = projection && isPropStat(stat) ? loadProjected : loadRows;
        const result = await this.deps.trainStat.execute({ runId, stat, loadRows: rowsOf, budgetMinutes, signal, onProgress });
        outcomes.push({ runId, stat, ok: true, result });
      } catch (err) {
        outcomes.push({ runId, stat, ok: false, error: err as Error });
      } finally {
        await this.deps.leases.release(lease).catch(() => undefined);
      }
    }
    return outcomes;
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private resolveWindow(window: Partial<DateWindow> = {}): DateWindow {
    const from = window.from ?? '1900-01-01';
    const to = window.to ?? (this.deps.today ?? (() => new Date().toISOString().slice(0, 10)))();
    for (const d of [from, to]) {
      if (!GameDate.isValid(d)) throw new InvalidTrainingRequestError(`window dates must be YYYY-MM-DD, got "${d}"`);
    }
    if (from > to) throw new InvalidTrainingRequestError(`window starts (${from}) after it ends (${to})`);
    return { from, to };
  }
}
