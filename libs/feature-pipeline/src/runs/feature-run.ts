import type { Pool } from 'pg';
import { GameDate } from '@propcast/common';
import { withPgTransaction } from '@propcast/db';
import { readsPregameContext, type FeatureSet, type FeatureVector } from '@propcast/features';
import { counter } from '@propcast/observability';
import type { FeatureCache } from '../cache/feature-cache';
import type { PhaseCompletedPublisher } from '../events/phase-completed.publisher';
import type { HistoryRepository } from '../history/history.repository';
import { emptyBundle, type DateBundle } from '../history/history.types';
import type { ProcessorPlan } from '../processors/processor-plan';
import type { FeatureRowRepository } from '../storage/feature-row.repository';
import type { DateRows, ProcessorCompletionRepository } from '../storage/processor-completion.repository';
import { FeatureTimeline, type TimelineOptions } from '../timeline/feature-timeline';
import { dateWindows, sortedUnion, type DateWindow } from './date-windows';
import type { PendingCheckpoint, TimelineCheckpoints } from './timeline-checkpoints';

/** Everything a run reads from and writes to. */
export interface FeatureRunDeps {
  pool: Pool;
  featureSet: FeatureSet;
  plan: ProcessorPlan;
  history: HistoryRepository;
  rows: FeatureRowRepository;
  completions: ProcessorCompletionRepository;
  /** Invalidated after each committed chunk; null when the process serves no cache. */
  cache: FeatureCache | null;
  /** Announces phase.completed when a run emits events; null when no bus is wired. */
  events: PhaseCompletedPublisher | null;
  /** Box scores of a team's last N games that make its roster for upcoming games. */
  rosterGames: number;
  /** Scheduled games get roster-based rows up to this many days after today (UTC). */
  upcomingHorizonDays: number;
  /** Where runs start from and save the walk's state; null: every run replays all history before its range. */
  checkpoints: TimelineCheckpoints | null;
  clock: () => Date;
}

/** What to (re)write: the dates [from, to] of the feature set, in chunks of dates. */
export interface FeatureRunRequest {
  from: string;
  to: string;
  /** Metric label. */
  mode: 'backfill' | 'incremental';
  emitEvents: boolean;
  /** Dates per transaction (one read of the stored rows, delete of the changed ones + COPY each). */
  chunkDates: number;
  /** Runs after each chunk is committed, its cache entries dropped and its events published. */
  onChunk?: (chunk: ChunkResult) => Promise<void>;
}

/** One committed chunk. */
export interface ChunkResult {
  from: string;
  to: string;
  dates: DateRows[];
  /** Rows the chunk's dates hold now. */
  rows: number;
  /** Of them, rows written because they were new or changed (the others kept their bytes, id and computed_at). */
  rowsChanged: number;
}

/** Totals of a run. */
export interface FeatureRunResult {
  from: string;
  to: string;
  dates: number;
  rows: number;
  /** Rows written because they were new or changed, plus stored rows deleted because no longer produced. */
  rowsChanged: number;
  /** Time inside the pure feature computation. */
  computeMs: number;
  elapsedMs: number;
  /** Date of the checkpoint the run started from, or null (it replayed history from the first box score). */
  checkpoint: string | null;
  /** Box-score dates folded in before the range without writing (from the checkpoint, or from the first date). */
  replayedDates: number;
  /** Time restoring the checkpoint (query, inflate, state decoding). */
  restoreMs: number;
  /** Time capturing and storing new checkpoints (state encoding, deflate, writes, pruning). */
  saveMs: number;
  /** Time from the start until the last chunk was committed and announced: the rows are current from then on. */
  currentMs: number;
}

/** Totals of a run over some games of one date. */
export interface GameRunResult {
  date: string;
  gameIds: string[];
  /** Rows the games hold now. */
  rows: number;
  rowsChanged: number;
  checkpoint: string | null;
  replayedDates: number;
  restoreMs: number;
  computeMs: number;
  elapsedMs: number;
}

/** States captured at a chunk's save points while it was computed, stored after its commit. */
interface CapturedStates {
  states: PendingCheckpoint[];
  ms: number;
}

const REPLAY_WINDOW_DATES = 60;
const rowsWritten = counter('propcast_feature_rows_written_total', 'Feature rows written', ['mode']);
const datesWritten = counter('propcast_feature_dates_written_total', 'Feature dates (re)computed', ['mode']);

/**
 * Rewrites a feature set's rows for a range of dates. The state is rebuilt point in time from every box score
 * before the range (features depend on all earlier games: windows and EMAs span seasons): restored from the nearest
 * checkpoint strictly before the range, then the box-score dates between it and the range replayed. Each chunk of
 * dates is computed lazily into one transaction that writes only what changed (rows whose bytes, teams or cutoff
 * differ are replaced, new ones COPYed, vanished ones deleted; the chunk's dates stamped as computed) and records the
 * processor completions. After the commit the chunk's cache entries are dropped, when asked one phase.completed per
 * date and processor is published (at least once: before the caller records progress), and the states captured at
 * its save points are stored as checkpoints.
 */
export class FeatureRun {
  constructor(private readonly deps: FeatureRunDeps) {}

  /** Runs the request; resolves with totals, rejects on the first failure (committed chunks stay). */
  async execute(req: FeatureRunRequest): Promise<FeatureRunResult> {
    const started = performance.now();
    // Read before any history: every commit before it is in what this run computes (stored as computed_at).
    const asOf = await this.deps.rows.databaseNow();
    const now = this.deps.clock();
    const { writeDates, boxScoreDates } = await this.planDates(req.from, req.to, now);
    const result: FeatureRunResult = {
      from: req.from,
      to: req.to,
      dates: 0,
      rows: 0,
      rowsChanged: 0,
      computeMs: 0,
      elapsedMs: 0,
      checkpoint: null,
      replayedDates: 0,
      restoreMs: 0,
      saveMs: 0,
      currentMs: 0,
    };
    if (writeDates.length === 0) {
      await this.deps.checkpoints?.invalidateFrom(req.from);
      return result;
    }

    const opts: TimelineOptions = {
      featureSet: this.deps.featureSet,
      plan: this.deps.plan,
      rosterGames: this.deps.rosterGames,
      upcomingHorizonDays: this.deps.upcomingHorizonDays,
    };
    const checkpoints = this.deps.checkpoints;
    const restoring = performance.now();
    const start = checkpoints === null ? { timeline: new FeatureTimeline(opts), checkpoint: null } : await checkpoints.startAt(req.from);
    result.restoreMs = performance.now() - restoring;
    const timeline = start.timeline;
    const savePoints = checkpoints?.savePoints(boxScoreDates) ?? new Set<string>();
    const replay = await this.replayDates(req.from, start.checkpoint);
    result.checkpoint = start.checkpoint;
    result.replayedDates = replay.length;
    const windows = [...dateWindows(replay, REPLAY_WINDOW_DATES, false), ...dateWindows(writeDates, req.chunkDates, true)];
    let next = this.load(windows[0]);
    for (let i = 0; i < windows.length; i++) {
      const bundles = await next;
      if (i + 1 < windows.length) next = this.load(windows[i + 1]);
      const window = windows[i];
      if (!window.write) {
        for (const date of window.dates) timeline.ingestDate(bundles.get(date) ?? emptyBundle(date));
        continue;
      }
      const captured: CapturedStates = { states: [], ms: 0 };
      const chunk = await this.writeChunk(window, bundles, timeline, now, asOf, savePoints, captured);
      await this.deps.cache?.invalidate(this.deps.featureSet.id, window.dates);
      if (req.emitEvents && this.deps.events !== null) await this.deps.events.publish(this.deps.featureSet.id, this.deps.plan.names, chunk.dates);
      result.currentMs = performance.now() - started;
      // After the events: consumers need the rows, only the next run needs the checkpoint.
      const saving = performance.now();
      await checkpoints?.save(captured.states);
      result.saveMs += performance.now() - saving + captured.ms;
      rowsWritten.inc({ mode: req.mode }, chunk.rowsChanged);
      datesWritten.inc({ mode: req.mode }, chunk.dates.length);
      result.dates += chunk.dates.length;
      result.rows += chunk.rows;
      result.rowsChanged += chunk.rowsChanged;
      await req.onChunk?.(chunk);
    }
    result.computeMs = timeline.computeMs;
    result.elapsedMs = performance.now() - started;
    return result;
  }

  /**
   * Recomputes the rows of some games of one date whose box scores did not change (an availability import reports on
   * them): the state is restored from the nearest checkpoint strictly before the date, invalidating none, the box-score
   * dates between it and the date replayed, and the date computed for those games only, with the same point-in-time
   * rules as a date run (a report counts only before its game's cutoff), so the rows are byte for byte what a run of
   * the whole date writes for them. Only their rows are merged; each game is stamped in feature_game_runs (not the
   * date: its other games were not recomputed). Publishes phase.completed for the date when asked.
   */
  async executeGames(req: { date: string; gameIds: readonly string[]; emitEvents: boolean }): Promise<GameRunResult> {
    const started = performance.now();
    const asOf = await this.deps.rows.databaseNow();
    const now = this.deps.clock();
    const opts: TimelineOptions = { featureSet: this.deps.featureSet, plan: this.deps.plan, rosterGames: this.deps.rosterGames, upcomingHorizonDays: this.deps.upcomingHorizonDays };
    const restoring = performance.now();
    const start = this.deps.checkpoints === null ? { timeline: new FeatureTimeline(opts), checkpoint: null } : await this.deps.checkpoints.restoreBefore(req.date);
    const restoreMs = performance.now() - restoring;
    const replay = await this.replayDates(req.date, start.checkpoint);
    for (const window of dateWindows(replay, REPLAY_WINDOW_DATES, false)) {
      const bundles = await this.load(window);
      for (const date of window.dates) start.timeline.ingestDate(bundles.get(date) ?? emptyBundle(date));
    }
    const bundles = await this.deps.history.readBundles(req.date, req.date, true, readsPregameContext(this.deps.featureSet), req.gameIds);
    const vectors = start.timeline.computeDate(bundles.get(req.date) ?? emptyBundle(req.date), now, new Set(req.gameIds));
    const merged = await withPgTransaction(this.deps.pool, (client) => this.deps.rows.mergeGames(client, this.deps.featureSet.id, req.date, req.gameIds, vectors, asOf));
    await this.deps.cache?.invalidate(this.deps.featureSet.id, [req.date]);
    if (req.emitEvents && this.deps.events !== null) await this.deps.events.publish(this.deps.featureSet.id, this.deps.plan.names, [{ date: req.date, rows: merged.rows }]);
    rowsWritten.inc({ mode: 'game' }, merged.written + merged.deleted);
    return {
      date: req.date,
      gameIds: [...req.gameIds],
      rows: merged.rows,
      rowsChanged: merged.written + merged.deleted,
      checkpoint: start.checkpoint,
      replayedDates: replay.length,
      restoreMs,
      computeMs: start.timeline.computeMs,
      elapsedMs: performance.now() - started,
    };
  }

  /** Dates of [from, to] a run rewrites: box-score dates, dates already holding rows, upcoming dates within the horizon. */
  async datesToWrite(from: string, to: string, now: Date): Promise<string[]> {
    return (await this.planDates(from, to, now)).writeDates;
  }

  private async planDates(from: string, to: string, now: Date): Promise<{ writeDates: string[]; boxScoreDates: string[] }> {
    const horizonEnd = GameDate.addDays(GameDate.of(now), this.deps.upcomingHorizonDays);
    const [stats, stored, scheduled] = await Promise.all([
      this.deps.history.statsDates(from, to),
      this.deps.rows.countByDate(this.deps.featureSet.id, from, to),
      this.deps.history.scheduledDates(from, to < horizonEnd ? to : horizonEnd),
    ]);
    return {
      writeDates: sortedUnion(
        stats,
        stored.map((s) => s.date),
        scheduled,
      ),
      boxScoreDates: stats,
    };
  }

  /** Box-score dates before `from` and after the checkpoint (if any): folded into the state without writing. */
  private async replayDates(from: string, checkpoint: string | null): Promise<string[]> {
    if (checkpoint !== null) return GameDate.addDays(checkpoint, 1) < from ? this.deps.history.statsDates(GameDate.addDays(checkpoint, 1), GameDate.addDays(from, -1)) : [];
    const span = await this.deps.history.statsSpan();
    return span === null || span.first >= from ? [] : this.deps.history.statsDates(span.first, GameDate.addDays(from, -1));
  }

  private load(window: DateWindow): Promise<Map<string, DateBundle>> {
    const loading = this.deps.history.readBundles(window.dates[0], window.dates[window.dates.length - 1], window.write, window.write && readsPregameContext(this.deps.featureSet));
    loading.catch(() => undefined); // awaited by the loop; this only keeps an aborted run's prefetch from being unhandled
    return loading;
  }

  private async writeChunk(
    window: DateWindow,
    bundles: Map<string, DateBundle>,
    timeline: FeatureTimeline,
    now: Date,
    asOf: Date,
    savePoints: ReadonlySet<string>,
    captured: CapturedStates,
  ): Promise<ChunkResult> {
    const dates: DateRows[] = [];
    function* vectors(): Generator<FeatureVector> {
      for (const date of window.dates) {
        const bundle = bundles.get(date) ?? emptyBundle(date);
        const computed = timeline.computeDate(bundle, now);
        dates.push({ date, rows: computed.length });
        yield* computed;
        timeline.ingestDate(bundle);
        if (savePoints.has(date)) {
          const saving = performance.now();
          captured.states.push({ throughDate: date, state: timeline.saveState() });
          captured.ms += performance.now() - saving;
        }
      }
    }
    const from = window.dates[0];
    const to = window.dates[window.dates.length - 1];
    const merged = await withPgTransaction(this.deps.pool, async (client) => {
      const result = await this.deps.rows.mergeRange(client, this.deps.featureSet.id, from, to, vectors(), asOf, window.dates);
      await this.deps.completions.record(client, this.deps.featureSet.id, this.deps.plan.names, dates);
      return result;
    });
    return { from, to, dates, rows: merged.rows, rowsChanged: merged.written + merged.deleted };
  }
}
