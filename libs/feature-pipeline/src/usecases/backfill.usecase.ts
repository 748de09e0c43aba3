import { randomUUID } from 'node:crypto';
import { GameDate } from '@propcast/common';
import type { FeatureSet } from '@propcast/features';
import { ProgressReporter } from '@propcast/observability';
import { BackfillNotFoundError, BackfillNotResumableError, InvalidFeatureRequestError } from '../errors';
import { parseGameDate } from '../game-dates';
import type { HistoryRepository } from '../history/history.repository';
import type { FeatureRun, FeatureRunResult } from '../runs/feature-run';
import type { BackfillRecord, BackfillRepository } from '../storage/backfill.repository';
import type { FeatureRowRepository } from '../storage/feature-row.repository';
import type { FeatureSetLock } from '../storage/feature-set-lock.repository';
import type { FeatureSetRepository } from '../storage/feature-set.repository';

/** What a backfill needs. */
export interface BackfillDeps {
  featureSet: FeatureSet;
  featureSets: FeatureSetRepository;
  backfills: BackfillRepository;
  history: HistoryRepository;
  rows: FeatureRowRepository;
  run: FeatureRun;
  lock: FeatureSetLock;
  chunkDates: number;
  clock: () => Date;
  /** Progress bar / lines (stderr by default); quiet in services and tests. */
  progress?: { quiet?: boolean; stream?: NodeJS.WriteStream };
}

/** A backfill request; without a range, all stored history. */
export interface BackfillRequest {
  from?: string;
  to?: string;
  /** Publish phase.completed per date and processor (off by default: a backfill would flood the bus). */
  emitEvents?: boolean;
  /** Start a new backfill even when an unfinished one of the same range exists (default false: resume it). */
  fresh?: boolean;
  /**
   * Without a range: do nothing when the rows are already current (every box score has its row, none changed since
   * the newest row was computed). What a repeated demo or a deploy hook wants.
   */
  skipIfCurrent?: boolean;
}

/** A backfill start that found nothing to do. */
export interface SkippedBackfill {
  skipped: true;
  /** Player-games with box scores, all of which have rows. */
  rows: number;
  reason: string;
}

/** A started (or resumed) backfill; `done` settles when it completes or fails. */
export interface StartedBackfill {
  backfill: BackfillRecord;
  resumed: boolean;
  done: Promise<BackfillRecord>;
}

/** Status of a backfill for the API: counters, rate and ETA. */
export interface BackfillView extends BackfillRecord {
  rowsPerSecond: number | null;
  etaSeconds: number | null;
}

/**
 * Backfills a feature set over history, resumable: progress (last committed date, counters) is stored after each
 * committed chunk, and a restart continues the day after the last committed date. A chunk interrupted by a crash
 * rolled back with its transaction, or (committed but not yet recorded) is rewritten whole on resume.
 */
export class BackfillUseCase {
  /** Backfills running (or queued) in this process, with their progress once counting is done. */
  private readonly live = new Map<string, { started: StartedBackfill; reporter: ProgressReporter | null }>();

  constructor(private readonly deps: BackfillDeps) {}

  /**
   * Resumes the latest unfinished backfill (when no range is given, or the same range is) unless `fresh`,
   * otherwise starts a new one; returns at once with a promise of the outcome. A backfill already running in
   * this process is returned as it is.
   */
  async start(req: BackfillRequest = {}): Promise<StartedBackfill> {
    await this.deps.featureSets.ensure(this.deps.featureSet);
    const { from, to } = await this.range(req);
    const unfinished = req.fresh ? null : await this.deps.backfills.findUnfinished(this.deps.featureSet.id);
    const sameRange = (req.from === undefined && req.to === undefined) || (unfinished?.fromDate === from && unfinished?.toDate === to);
    if (unfinished !== null && sameRange) {
      return this.live.get(unfinished.id)?.started ?? this.launch(unfinished, true, req.emitEvents ?? false);
    }
    const datesTotal = (await this.deps.run.datesToWrite(from, to, this.deps.clock())).length;
    const record = await this.deps.backfills.create({ id: randomUUID(), featureSetId: this.deps.featureSet.id, fromDate: from, toDate: to, datesTotal });
    return this.launch(record, false, req.emitEvents ?? false);
  }

  /**
   * `start` unless the rows are current (see `skipIfCurrent`), which an unfinished backfill never counts as; a range
   * given with `skipIfCurrent` is refused, because currency is judged over all history.
   */
  async startUnlessCurrent(req: BackfillRequest = {}): Promise<StartedBackfill | SkippedBackfill> {
    if (!req.skipIfCurrent) return this.start(req);
    if (req.from !== undefined || req.to !== undefined) throw new InvalidFeatureRequestError('skipIfCurrent', 'judges all history: give no from/to with it');
    await this.deps.featureSets.ensure(this.deps.featureSet);
    const unfinished = await this.deps.backfills.findUnfinished(this.deps.featureSet.id);
    const c = await this.deps.rows.currency(this.deps.featureSet.id);
    if (unfinished === null && c.boxScores > 0 && c.missing === 0 && !c.changedSince) {
      return { skipped: true, rows: c.boxScores, reason: `all ${c.boxScores} player-games with box scores have current ${this.deps.featureSet.id} rows` };
    }
    return this.start(req);
  }

  /** Resumes a backfill by id from the day after its last committed date. */
  async resume(id: string, opts: { emitEvents?: boolean } = {}): Promise<StartedBackfill> {
    const record = await this.deps.backfills.get(id);
    if (record === null) throw new BackfillNotFoundError(id);
    if (record.featureSetId !== this.deps.featureSet.id) throw new BackfillNotResumableError(id, `it backfills ${record.featureSetId}, this service computes ${this.deps.featureSet.id}`);
    if (record.status === 'completed') throw new BackfillNotResumableError(id, 'it already completed');
    if (this.live.has(id)) throw new BackfillNotResumableError(id, 'it is running in this process');
    return this.launch(record, true, opts.emitEvents ?? false);
  }

  /** Status, counters, rate and ETA of a backfill. */
  async status(id: string): Promise<BackfillView> {
    const record = await this.deps.backfills.get(id);
    if (record === null) throw new BackfillNotFoundError(id);
    const live = this.live.get(id)?.reporter?.snapshot();
    if (live !== undefined) return { ...record, rowsPerSecond: live.ratePerSecond, etaSeconds: live.etaSeconds };
    const seconds = (record.updatedAt.getTime() - record.startedAt.getTime()) / 1000;
    return {
      ...record,
      rowsPerSecond: seconds > 0 ? record.rowsWritten / seconds : null,
      etaSeconds: record.status === 'completed' ? 0 : null,
    };
  }

  private async range(req: BackfillRequest): Promise<{ from: string; to: string }> {
    const span = req.from !== undefined && req.to !== undefined ? null : await this.deps.history.statsSpan();
    const from = req.from !== undefined ? parseGameDate(req.from, 'from') : span?.first;
    const to = req.to !== undefined ? parseGameDate(req.to, 'to') : span?.last;
    if (from === undefined || to === undefined) throw new InvalidFeatureRequestError('from', 'is required: no box scores are stored yet');
    if (to < from) throw new InvalidFeatureRequestError('to', `must not be before from (${from})`);
    return { from, to };
  }

  private launch(record: BackfillRecord, resumed: boolean, emitEvents: boolean): StartedBackfill {
    const done = this.deps.lock.runExclusive(() => this.execute(record, emitEvents)).finally(() => this.live.delete(record.id));
    done.catch(() => undefined); // callers that only poll the status must not leave an unhandled rejection
    const started = { backfill: record, resumed, done };
    this.live.set(record.id, { started, reporter: null });
    return started;
  }

  private async execute(queued: BackfillRecord, emitEvents: boolean): Promise<BackfillRecord> {
    // Re-read under the lock: another process may have advanced or finished this backfill meanwhile.
    const record = (await this.deps.backfills.get(queued.id)) ?? queued;
    if (record.status === 'completed') return record;
    const from = record.lastDoneDate === null ? record.fromDate : GameDate.addDays(record.lastDoneDate, 1);
    const left = record.datesTotal - record.datesDone;
    const label = `backfill ${record.featureSetId} ${record.fromDate}..${record.toDate}, ${left === record.datesTotal ? left : `${left} of ${record.datesTotal}`} dates`;
    let reporter: ProgressReporter | null = null;
    let rows = 0;
    let dates = 0;
    try {
      if (record.status !== 'running') await this.deps.backfills.setStatus(record.id, 'running');
      reporter = new ProgressReporter(label, from <= record.toDate ? await this.deps.history.countStats(from, record.toDate) : 0, { unit: 'rows', ...this.deps.progress });
      const entry = this.live.get(record.id);
      if (entry !== undefined) entry.reporter = reporter;
      let result: FeatureRunResult | null = null;
      if (from <= record.toDate) {
        result = await this.deps.run.execute({
          from,
          to: record.toDate,
          mode: 'backfill',
          emitEvents,
          chunkDates: this.deps.chunkDates,
          onChunk: async (chunk) => {
            await this.deps.backfills.recordProgress(record.id, { lastDoneDate: chunk.to, dates: chunk.dates.length, rows: chunk.rows });
            rows += chunk.rows;
            dates += chunk.dates.length;
            reporter?.update(rows);
          },
        });
      }
      await this.deps.backfills.setStatus(record.id, 'completed');
      const seconds = (result?.elapsedMs ?? 0) / 1000;
      reporter.finish(`backfill ${record.id}: ${dates} dates, ${rows} rows in ${seconds.toFixed(1)} s (${seconds > 0 ? (rows / seconds).toFixed(0) : 0} rows/s)`);
      return (await this.deps.backfills.get(record.id)) as BackfillRecord;
    } catch (err) {
      const message = (err as Error).message;
      await this.deps.backfills.setStatus(record.id, 'failed', message).catch(() => undefined);
      reporter?.finish(`backfill ${record.id} failed after ${dates} dates: ${message}`);
      throw err;
    }
  }
}
