import { GameDate } from '@propcast/common';
import { FeatureStateError, STATE_FORMAT_VERSION } from '@propcast/features';
import type { CheckpointVersion, FeatureCheckpointRepository } from '../storage/feature-checkpoint.repository';
import { FeatureTimeline, type TimelineOptions } from '../timeline/feature-timeline';

/** Month-end checkpoints are kept for this many days before the newest one. */
export const MONTHLY_CHECKPOINT_DAYS = 365;

/** A timeline ready to write from some date, and where its state comes from. */
export interface TimelineStart {
  timeline: FeatureTimeline;
  /** Date of the checkpoint it was restored from (its state holds every box score through it), or null: from nothing. */
  checkpoint: string | null;
}

/** A state captured during a run, stored once the rows of its date are committed. */
export interface PendingCheckpoint {
  throughDate: string;
  state: Buffer;
}

/**
 * Checkpoints of the feature walk for one feature set. A run starting at `from` first deletes the checkpoints through
 * `from` or later, of every set (their state folded in box scores from `from` on, which may have changed), then
 * restores the nearest one strictly before `from`. A run saves the state after its last box-score date and after the
 * last box-score date of each month of the year before it; pruning keeps the newest few and one per month of that year.
 */
export class TimelineCheckpoints {
  private readonly version: CheckpointVersion;

  constructor(
    private readonly repo: FeatureCheckpointRepository,
    private readonly opts: TimelineOptions,
    private readonly keepLatest: number,
  ) {
    this.version = { featureSetId: opts.featureSet.id, definitionHash: opts.featureSet.definitionHash, stateFormat: STATE_FORMAT_VERSION, rosterGames: opts.rosterGames };
  }

  /** Deletes the checkpoints (of every feature set) through `from` or later: box scores from `from` on may have changed. */
  async invalidateFrom(from: string): Promise<void> {
    await this.repo.invalidateFrom(from);
  }

  /** Invalidates what `from` can have changed and returns the timeline restored from the nearest checkpoint before it. */
  async startAt(from: string): Promise<TimelineStart> {
    await this.invalidateFrom(from);
    return this.restoreBefore(from);
  }

  /**
   * The timeline restored from the nearest checkpoint strictly before `date`, invalidating nothing: for a recompute
   * of some games of `date` whose box scores did not change (an availability report).
   */
  async restoreBefore(date: string): Promise<TimelineStart> {
    for (;;) {
      const found = await this.repo.nearestBefore(this.version, date);
      if (found === null) return { timeline: new FeatureTimeline(this.opts), checkpoint: null };
      try {
        return { timeline: new FeatureTimeline(this.opts, found.state), checkpoint: found.throughDate };
      } catch (err) {
        if (!(err instanceof FeatureStateError)) throw err;
        // Unreadable despite a matching version (a format change without a bump): drop it and look further back.
        await this.repo.delete(this.version.featureSetId, found.throughDate);
      }
    }
  }

  /**
   * Dates after which a run saves the state: its last box-score date, and the last box-score date of each month of the
   * year before it (older corrections are rare; a backfill saves about ten states, not one per month of history).
   */
  savePoints(boxScoreDates: readonly string[]): Set<string> {
    const points = new Set<string>();
    const last = boxScoreDates[boxScoreDates.length - 1];
    if (last === undefined) return points;
    const since = GameDate.addDays(last, -MONTHLY_CHECKPOINT_DAYS);
    for (let i = 0; i < boxScoreDates.length; i++) {
      const date = boxScoreDates[i];
      const next = boxScoreDates[i + 1];
      if (next === undefined || (date >= since && next.slice(0, 7) !== date.slice(0, 7))) points.add(date);
    }
    return points;
  }

  /** Stores captured states (oldest first), then prunes; returns the bytes stored. */
  async save(pending: readonly PendingCheckpoint[]): Promise<number> {
    if (pending.length === 0) return 0;
    let bytes = 0;
    for (const p of pending) bytes += await this.repo.save(this.version, p.throughDate, p.state);
    await this.repo.prune(this.version, this.keepLatest, MONTHLY_CHECKPOINT_DAYS);
    return bytes;
  }
}
