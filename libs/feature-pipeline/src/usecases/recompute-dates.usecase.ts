import { GameDate } from '@propcast/common';
import type { IngestKind } from '@propcast/contracts';
import type { FeatureSet } from '@propcast/features';
import { InvalidFeatureRequestError } from '../errors';
import { parseGameDate } from '../game-dates';
import type { HistoryRepository } from '../history/history.repository';
import type { FeatureRun, FeatureRunResult } from '../runs/feature-run';
import type { FeatureRowRepository } from '../storage/feature-row.repository';
import type { FeatureSetLock } from '../storage/feature-set-lock.repository';
import type { FeatureSetRepository } from '../storage/feature-set.repository';
import { affectedRange } from './affected-range';
import { RangeCoalescer, type DateRange } from './range-coalescer';

/** What a recompute needs. */
export interface RecomputeDeps {
  featureSet: FeatureSet;
  featureSets: FeatureSetRepository;
  history: HistoryRepository;
  rows: FeatureRowRepository;
  run: FeatureRun;
  lock: FeatureSetLock;
  chunkDates: number;
  upcomingHorizonDays: number;
  clock: () => Date;
}

/**
 * Incremental recompute: after an ingestion (or on demand) rewrites the affected dates and always publishes
 * phase.completed per date and processor. Concurrent requests coalesce into one run.
 */
export class RecomputeDatesUseCase {
  private readonly coalescer = new RangeCoalescer<FeatureRunResult>((range) => this.deps.lock.runExclusive(() => this.runRange(range)));

  constructor(private readonly deps: RecomputeDeps) {}

  /** Recomputes what an `ingestion.completed` for `gameDate` of `kind` can have changed. */
  async onIngestion(event: { gameDate: string; kind: IngestKind; batchId?: string }): Promise<FeatureRunResult & { skipped?: true; games?: string[] }> {
    const range = affectedRange(event.kind, parseGameDate(event.gameDate, 'gameDate'));
    // Availability reports feed only their own games' rows: recompute those games, not the date (O(game)).
    if (event.kind === 'AVAILABILITY' && event.batchId !== undefined) return this.recomputeGames(event.gameDate, event.batchId);
    // A bulk import announces each of its dates; the first recompute (or a backfill) already covers the others.
    if (event.batchId !== undefined && (await this.deps.rows.coverBatch(this.deps.featureSet.id, event.batchId, range.from, range.to))) {
      return {
        from: range.from,
        to: range.to ?? range.from,
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
        skipped: true,
      };
    }
    return this.coalescer.request(range);
  }

  /** Recomputes [from, to]; without `to`, through the latest date (box scores, stored rows, upcoming games). */
  async recompute(from: string, to?: string): Promise<FeatureRunResult> {
    parseGameDate(from, 'from');
    if (to !== undefined && parseGameDate(to, 'to') < from) throw new InvalidFeatureRequestError('to', `must not be before from (${from})`);
    return this.coalescer.request({ from, to: to ?? null });
  }

  /** Recomputes the games of `gameDate` the availability import `batchId` reported on. */
  private async recomputeGames(gameDate: string, batchId: string): Promise<FeatureRunResult & { skipped?: true; games: string[] }> {
    const games = await this.deps.history.availabilityBatchGames(batchId, gameDate);
    const base = { from: gameDate, to: gameDate, dates: 0, rows: 0, rowsChanged: 0, computeMs: 0, elapsedMs: 0, checkpoint: null, replayedDates: 0, restoreMs: 0, saveMs: 0, currentMs: 0, games };
    if (games.length === 0) return { ...base, skipped: true };
    const r = await this.deps.lock.runExclusive(async () => {
      await this.deps.featureSets.ensure(this.deps.featureSet);
      return this.deps.run.executeGames({ date: gameDate, gameIds: games, emitEvents: true });
    });
    return {
      ...base,
      dates: 1,
      rows: r.rows,
      rowsChanged: r.rowsChanged,
      computeMs: r.computeMs,
      elapsedMs: r.elapsedMs,
      checkpoint: r.checkpoint,
      replayedDates: r.replayedDates,
      restoreMs: r.restoreMs,
      currentMs: r.elapsedMs,
    };
  }

  private async runRange(range: DateRange): Promise<FeatureRunResult> {
    await this.deps.featureSets.ensure(this.deps.featureSet);
    const to = range.to ?? (await this.latestDate(range.from));
    return this.deps.run.execute({ from: range.from, to, mode: 'incremental', emitEvents: true, chunkDates: this.deps.chunkDates });
  }

  /** The latest of: last box-score date, last stored row date, last upcoming date within the horizon, `from`. */
  private async latestDate(from: string): Promise<string> {
    const horizonEnd = GameDate.addDays(GameDate.of(this.deps.clock()), this.deps.upcomingHorizonDays);
    const [span, stored, scheduled] = await Promise.all([
      this.deps.history.statsSpan(),
      this.deps.rows.latestDate(this.deps.featureSet.id),
      from <= horizonEnd ? this.deps.history.scheduledDates(from, horizonEnd) : Promise.resolve([]),
    ]);
    return [from, span?.last, stored, scheduled[scheduled.length - 1]]
      .filter((d): d is string => d != null)
      .sort()
      .pop() as string;
  }
}
