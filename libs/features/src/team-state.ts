import { V1_PARAMS } from './feature-set-v1';
import { RollingWindow } from './rolling-window';
import type { StateReader, StateWriter } from './state-codec';
import { estimatePossessions } from './stat-extractors';
import type { TeamGameLog } from './types';

/** Rolling state of one team over its recent games (spans seasons); unknown values are skipped per metric. */
export class TeamState {
  /** Possession estimates of the team's own recent games. */
  readonly possessions = new RollingWindow(V1_PARAMS.paceWindow);
  /** Points, rebounds and assists the team allowed in its recent games. */
  readonly allowedPoints = new RollingWindow(V1_PARAMS.allowedWindow);
  readonly allowedRebounds = new RollingWindow(V1_PARAMS.allowedWindow);
  readonly allowedAssists = new RollingWindow(V1_PARAMS.allowedWindow);

  /** Folds one team game into the state. */
  ingest(log: TeamGameLog): void {
    pushKnown(this.possessions, estimatePossessions(log));
    pushKnown(this.allowedPoints, log.oppPts ?? NaN);
    pushKnown(this.allowedRebounds, log.oppReb ?? NaN);
    pushKnown(this.allowedAssists, log.oppAst ?? NaN);
  }

  /** Saves every window (see FeatureComputer.writeState). */
  writeState(w: StateWriter): void {
    for (const window of this.windows()) window.writeState(w);
  }

  /** Restores what writeState saved into this fresh state. */
  readState(r: StateReader): void {
    for (const window of this.windows()) window.readState(r);
  }

  private windows(): RollingWindow[] {
    return [this.possessions, this.allowedPoints, this.allowedRebounds, this.allowedAssists];
  }
}

function pushKnown(window: RollingWindow, value: number): void {
  if (!Number.isNaN(value)) window.push(value);
}
