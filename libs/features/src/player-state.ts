import { V1_PARAMS } from './feature-set-v1';
import { RollingWindow } from './rolling-window';
import type { StateReader, StateWriter } from './state-codec';
import { extractTargetStats, isPlayed, TARGET_STAT_COUNT, usageLoad } from './stat-extractors';
import type { PlayerGameLog } from './types';

/** A player's record against one opponent team (all seasons). */
export interface OpponentRecord {
  games: number;
  sums: Float64Array;
  counts: Float64Array;
}

/**
 * Rolling state of one player built from his played games, in chronological order.
 * Windows and EMA span seasons; season-to-date sums and games played reset when the season label changes.
 * Each target stat keeps its own window so a game with an unknown stat only drops out of that stat.
 */
export class PlayerState {
  readonly windows: RollingWindow[] = Array.from({ length: TARGET_STAT_COUNT }, () => new RollingWindow(V1_PARAMS.playerWindow));
  readonly ema = new Float64Array(TARGET_STAT_COUNT).fill(NaN);
  private season: string | null = null;
  private gamesPlayedInSeason = 0;
  private readonly seasonSums = new Float64Array(TARGET_STAT_COUNT);
  private readonly seasonCounts = new Float64Array(TARGET_STAT_COUNT);
  private lastPlayedDay = NaN;
  private readonly usageLoads = new RollingWindow(V1_PARAMS.usageWindow);
  private readonly usageMinutes = new RollingWindow(V1_PARAMS.usageWindow);
  private readonly opponents = new Map<number, OpponentRecord>();

  /** Folds one game into the state; DNP and zero-minute rows are ignored. `stats` is a scratch buffer. */
  ingest(log: PlayerGameLog, day: number, stats: Float64Array): void {
    if (!isPlayed(log)) return;
    if (log.season !== this.season) {
      this.season = log.season;
      this.gamesPlayedInSeason = 0;
      this.seasonSums.fill(0);
      this.seasonCounts.fill(0);
    }
    this.gamesPlayedInSeason++;
    this.lastPlayedDay = day;
    let opp = this.opponents.get(log.opponentTeamId);
    if (opp === undefined) {
      opp = { games: 0, sums: new Float64Array(TARGET_STAT_COUNT), counts: new Float64Array(TARGET_STAT_COUNT) };
      this.opponents.set(log.opponentTeamId, opp);
    }
    opp.games++;
    extractTargetStats(log, stats);
    const alpha = V1_PARAMS.emaAlpha;
    for (let s = 0; s < TARGET_STAT_COUNT; s++) {
      const v = stats[s];
      if (Number.isNaN(v)) continue;
      this.windows[s].push(v);
      this.ema[s] = Number.isNaN(this.ema[s]) ? v : alpha * v + (1 - alpha) * this.ema[s];
      this.seasonSums[s] += v;
      this.seasonCounts[s]++;
      opp.sums[s] += v;
      opp.counts[s]++;
    }
    const load = usageLoad(log);
    if (!Number.isNaN(load)) {
      this.usageLoads.push(load);
      this.usageMinutes.push(log.minutes);
    }
  }

  /** Played games so far in `season` (0 when the player's latest games are from another season). */
  gamesPlayed(season: string): number {
    return season === this.season ? this.gamesPlayedInSeason : 0;
  }

  /** Season-to-date mean of stat `s` in `season`; NaN without a game of that season. */
  seasonAverage(s: number, season: string): number {
    if (season !== this.season || this.seasonCounts[s] === 0) return NaN;
    return this.seasonSums[s] / this.seasonCounts[s];
  }

  /** Whole days between `day` and the last played game; NaN before the first one. */
  restDays(day: number): number {
    return day - this.lastPlayedDay;
  }

  /** (FGA + 0.44 FTA + TOV) / minutes summed over the last usage-window played games with known parts. */
  usageProxy(): number {
    const minutes = this.usageMinutes.sum();
    return minutes > 0 ? this.usageLoads.sum() / minutes : NaN;
  }

  /** The record against one opponent, or undefined when they never met in a played game. */
  against(opponentTeamId: number): OpponentRecord | undefined {
    return this.opponents.get(opponentTeamId);
  }

  /** Saves every field that ingest changes, bit for bit (see FeatureComputer.writeState). */
  writeState(w: StateWriter): void {
    for (const window of this.windows) window.writeState(w);
    w.f64s(this.ema);
    w.str(this.season);
    w.u32(this.gamesPlayedInSeason);
    w.f64s(this.seasonSums);
    w.f64s(this.seasonCounts);
    w.f64(this.lastPlayedDay);
    this.usageLoads.writeState(w);
    this.usageMinutes.writeState(w);
    w.u32(this.opponents.size);
    for (const [teamId, opp] of this.opponents) {
      w.i32(teamId);
      w.u32(opp.games);
      w.f64s(opp.sums);
      w.f64s(opp.counts);
    }
  }

  /** Restores what writeState saved into this fresh state. */
  readState(r: StateReader): void {
    for (const window of this.windows) window.readState(r);
    r.f64s(this.ema);
    this.season = r.str();
    this.gamesPlayedInSeason = r.u32();
    r.f64s(this.seasonSums);
    r.f64s(this.seasonCounts);
    this.lastPlayedDay = r.f64();
    this.usageLoads.readState(r);
    this.usageMinutes.readState(r);
    const n = r.u32();
    // One buffer for all the records (views into it): a restore allocates per player, not per opponent.
    const block = new Float64Array(2 * TARGET_STAT_COUNT * n);
    for (let i = 0; i < n; i++) {
      const teamId = r.i32();
      const at = 2 * TARGET_STAT_COUNT * i;
      const opp: OpponentRecord = { games: r.u32(), sums: block.subarray(at, at + TARGET_STAT_COUNT), counts: block.subarray(at + TARGET_STAT_COUNT, at + 2 * TARGET_STAT_COUNT) };
      r.f64s(opp.sums);
      r.f64s(opp.counts);
      this.opponents.set(teamId, opp);
    }
  }
}
