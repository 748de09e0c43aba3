import {
  buildTeamGameLogs,
  createFeatureComputer,
  readComputerState,
  StateReader,
  StateWriter,
  writeComputerState,
  type FeatureSet,
  type FeatureVector,
  type PointInTimeFeatureComputer,
} from '@propcast/features';
import type { DateBundle } from '../history/history.types';
import { maskUnplannedColumns, type ProcessorPlan } from '../processors/processor-plan';
import { RosterTracker } from './roster-tracker';
import { historicalTargets, upcomingTargets } from './target-games';

/** How a timeline builds targets: roster depth for upcoming games and how far ahead scheduled games get rows. */
export interface TimelineOptions {
  featureSet: FeatureSet;
  plan: ProcessorPlan;
  rosterGames: number;
  upcomingHorizonDays: number;
}

/**
 * The point-in-time walk over dates (strictly increasing): computeDate sees only earlier dates' games,
 * ingestDate then folds the date in. Wraps the pure FeatureComputer with target building and recent rosters.
 */
export class FeatureTimeline {
  private readonly computer: PointInTimeFeatureComputer;
  private readonly rosters: RosterTracker;
  /** Milliseconds spent in the pure feature computation (computeDate and ingestDate of @propcast/features). */
  computeMs = 0;

  constructor(
    private readonly opts: TimelineOptions,
    state?: Uint8Array,
  ) {
    this.rosters = new RosterTracker(opts.rosterGames);
    if (state === undefined) {
      this.computer = createFeatureComputer(opts.featureSet);
      return;
    }
    const r = new StateReader(state);
    this.computer = readComputerState(opts.featureSet, r);
    this.rosters.readState(r);
    r.end();
  }

  /** The last date folded in, or null. */
  get lastIngestedDate(): string | null {
    return this.computer.lastIngestedDate;
  }

  /**
   * Everything the walk carries between dates (the computer's state behind its feature set's id and definition hash,
   * then the recent rosters), bit for bit: `new FeatureTimeline(opts, saveState())` continues exactly as this one.
   */
  saveState(): Buffer {
    const w = new StateWriter();
    writeComputerState(this.computer, w);
    this.rosters.writeState(w);
    return w.finish();
  }

  /**
   * Feature vectors of every target of the date: box-score rows, then roster rows of upcoming games. With `onlyGames`,
   * only the targets of those games are computed; targets are still chosen over the whole date (a player on two
   * rosters goes to his first game), so each vector equals the one a run of the whole date computes.
   */
  computeDate(bundle: DateBundle, now: Date, onlyGames?: ReadonlySet<string>): FeatureVector[] {
    const all = [...historicalTargets(bundle), ...upcomingTargets(bundle, this.rosters, now, this.opts.upcomingHorizonDays)];
    const targets = onlyGames === undefined ? all : all.filter((t) => onlyGames.has(t.gameId));
    const started = performance.now();
    const vectors = this.computer.computeDate(bundle.date, targets, bundle.lines, { availability: bundle.availability, gameLines: bundle.gameLines });
    this.computeMs += performance.now() - started;
    if (this.opts.plan.maskedColumns.length > 0) for (const v of vectors) maskUnplannedColumns(this.opts.plan, v.values);
    return vectors;
  }

  /** Folds the date's box scores into player, team and roster state. */
  ingestDate(bundle: DateBundle): void {
    const started = performance.now();
    this.computer.ingestDate(bundle.date, bundle.playerLogs, buildTeamGameLogs(bundle.playerLogs));
    this.computeMs += performance.now() - started;
    this.rosters.ingestDate(bundle.playerLogs);
  }
}
