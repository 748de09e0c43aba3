import { gameDay } from './dates';
import { ChronologyError, FeatureStateError, InvalidFeatureInputError, UnsupportedFeatureSetError } from './errors';
import type { FeatureSet } from './feature-set';
import { CONTEXT_INDEX, FeatureSetV1, LINE_OFFSET, PER_STAT_FEATURES, STAT_FEATURE_INDEX as F, TARGET_STATS } from './feature-set-v1';
import { PlayerState } from './player-state';
import { emptySummary, type WindowSummary } from './rolling-window';
import { indexPropLines, playerGameKey, writeLatestLines } from './prop-lines';
import { TARGET_STAT_COUNT } from './stat-extractors';
import type { StateReader, StateWriter } from './state-codec';
import { TeamState } from './team-state';
import type { FeatureVector, PlayerGameLog, PropLineSnapshot, TargetGame, TeamGameLog } from './types';

const MINUTES = TARGET_STATS.indexOf('minutes');
const BLOCK = PER_STAT_FEATURES.length;
const C = CONTEXT_INDEX;

/**
 * Incremental, point-in-time feature computation over dates in strictly increasing order:
 * for each date call computeDate (state holds only games of earlier dates) and then ingestDate.
 * State per player and team is bounded (ring buffers, running sums), so a backfill is linear in the number of games.
 */
export class FeatureComputer {
  private readonly players = new Map<number, PlayerState>();
  private readonly teams = new Map<number, TeamState>();
  private ingestedThrough: string | null = null;
  private readonly stats = new Float64Array(TARGET_STAT_COUNT);
  private readonly summary: WindowSummary = emptySummary();

  constructor(readonly featureSet: FeatureSet = FeatureSetV1) {
    if (featureSet.id !== FeatureSetV1.id || featureSet.definitionHash !== FeatureSetV1.definitionHash) {
      throw new UnsupportedFeatureSetError(`FeatureComputer implements ${FeatureSetV1.id} only, got ${featureSet.id}`);
    }
  }

  /** The last date folded into the state, or null when nothing was ingested. */
  get lastIngestedDate(): string | null {
    return this.ingestedThrough;
  }

  /** Computes the features of all targets of `date` from games strictly before it and lines captured before each target's cutoff. */
  computeDate(date: string, targets: readonly TargetGame[], lines: readonly PropLineSnapshot[] = []): FeatureVector[] {
    const day = gameDay(date);
    if (this.ingestedThrough !== null && date <= this.ingestedThrough) {
      throw new ChronologyError(`cannot compute features for ${date}: games through ${this.ingestedThrough} are already in the state`);
    }
    const lineIndex = indexPropLines(lines);
    const out: FeatureVector[] = new Array(targets.length);
    for (let i = 0; i < targets.length; i++) {
      const t = targets[i];
      if (t.gameDate !== date) throw new InvalidFeatureInputError(`target ${t.playerId}/${t.gameId} is dated ${t.gameDate}, not ${date}`);
      const cutoffMs = t.cutoffAt instanceof Date ? t.cutoffAt.getTime() : NaN;
      if (Number.isNaN(cutoffMs)) throw new InvalidFeatureInputError(`target ${t.playerId}/${t.gameId} has no valid cutoffAt`);
      const values = new Float32Array(this.featureSet.featureNames.length).fill(NaN);
      this.writePlayerFeatures(values, t, day);
      this.writeTeamFeatures(values, t);
      if (lineIndex.size > 0) writeLatestLines(lineIndex.get(playerGameKey(t.playerId, t.gameId)), cutoffMs, values, LINE_OFFSET);
      out[i] = {
        featureSetId: this.featureSet.id,
        playerId: t.playerId,
        gameId: t.gameId,
        gameDate: t.gameDate,
        teamId: t.teamId,
        opponentTeamId: t.opponentTeamId,
        cutoffAt: t.cutoffAt,
        values,
      };
    }
    return out;
  }

  /** Folds the final box scores of `date` into the state; call after computing that date's features. */
  ingestDate(date: string, playerLogs: readonly PlayerGameLog[], teamLogs: readonly TeamGameLog[]): void {
    const day = gameDay(date);
    if (this.ingestedThrough !== null && date <= this.ingestedThrough) {
      throw new ChronologyError(`cannot ingest ${date}: games through ${this.ingestedThrough} are already in the state`);
    }
    const seen = new Set<string>();
    for (const log of playerLogs) {
      if (log.gameDate !== date) throw new InvalidFeatureInputError(`player log ${log.playerId}/${log.gameId} is dated ${log.gameDate}, not ${date}`);
      const key = playerGameKey(log.playerId, log.gameId);
      if (seen.has(key)) throw new InvalidFeatureInputError(`duplicate player log ${log.playerId}/${log.gameId}`);
      seen.add(key);
    }
    seen.clear();
    for (const log of teamLogs) {
      if (log.gameDate !== date) throw new InvalidFeatureInputError(`team log ${log.teamId}/${log.gameId} is dated ${log.gameDate}, not ${date}`);
      const key = `${log.gameId}:${log.teamId}`;
      if (seen.has(key)) throw new InvalidFeatureInputError(`duplicate team log ${log.teamId}/${log.gameId}`);
      seen.add(key);
    }
    for (const log of playerLogs) this.player(log.playerId).ingest(log, day, this.stats);
    for (const log of teamLogs) this.team(log.teamId).ingest(log);
    this.ingestedThrough = date;
  }

  /**
   * Saves everything ingestDate accumulated (every player's and team's state and the last ingested date), bit for
   * bit: a computer restored from it computes exactly what this one computes from here on.
   */
  writeState(w: StateWriter): void {
    w.str(this.ingestedThrough);
    w.u32(this.players.size);
    for (const [id, p] of this.players) {
      w.i32(id);
      p.writeState(w);
    }
    w.u32(this.teams.size);
    for (const [id, t] of this.teams) {
      w.i32(id);
      t.writeState(w);
    }
  }

  /** Restores what writeState saved; only into a computer that has ingested nothing. */
  readState(r: StateReader): void {
    if (this.ingestedThrough !== null || this.players.size > 0 || this.teams.size > 0) throw new FeatureStateError('a saved state is restored into a fresh computer only');
    this.ingestedThrough = r.str();
    for (let n = r.u32(); n > 0; n--) this.player(r.i32()).readState(r);
    for (let n = r.u32(); n > 0; n--) this.team(r.i32()).readState(r);
  }

  private writePlayerFeatures(v: Float32Array, t: TargetGame, day: number): void {
    v[C.is_home] = t.isHome ? 1 : 0;
    const p = this.players.get(t.playerId);
    if (p === undefined) {
      v[C.games_played_season] = 0;
      v[C.games_vs_opp] = 0;
      return;
    }
    const opp = p.against(t.opponentTeamId);
    const w = this.summary;
    for (let s = 0; s < TARGET_STAT_COUNT; s++) {
      p.windows[s].summarize(w);
      if (w.count === 0) continue;
      const b = s * BLOCK;
      v[b + F.avg_last3] = w.mean3;
      v[b + F.avg_last5] = w.mean5;
      v[b + F.avg_last10] = w.mean;
      v[b + F.ema] = p.ema[s];
      v[b + F.season_avg] = p.seasonAverage(s, t.season);
      v[b + F.std_last10] = w.std;
      v[b + F.min_last10] = w.min;
      v[b + F.max_last10] = w.max;
      v[b + F.median_last10] = w.median;
      v[b + F.slope_last10] = w.slope;
      v[b + F.momentum] = w.mean3 - w.mean;
      if (opp !== undefined && opp.counts[s] > 0) v[b + F.avg_vs_opp] = opp.sums[s] / opp.counts[s];
      if (s === MINUTES) v[C.minutes_trend] = w.mean5 - p.seasonAverage(MINUTES, t.season);
    }
    const rest = p.restDays(day);
    v[C.rest_days] = rest;
    v[C.back_to_back] = Number.isNaN(rest) ? NaN : rest === 1 ? 1 : 0;
    v[C.games_played_season] = p.gamesPlayed(t.season);
    v[C.games_vs_opp] = opp === undefined ? 0 : opp.games;
    v[C.usage_proxy_last10] = p.usageProxy();
  }

  private writeTeamFeatures(v: Float32Array, t: TargetGame): void {
    const team = this.teams.get(t.teamId);
    if (team !== undefined) v[C.team_pace_last10] = team.possessions.mean();
    const opp = this.teams.get(t.opponentTeamId);
    if (opp === undefined) return;
    v[C.opp_pace_last10] = opp.possessions.mean();
    v[C.opp_allowed_points_last15] = opp.allowedPoints.mean();
    v[C.opp_allowed_rebounds_last15] = opp.allowedRebounds.mean();
    v[C.opp_allowed_assists_last15] = opp.allowedAssists.mean();
  }

  private player(id: number): PlayerState {
    let p = this.players.get(id);
    if (p === undefined) {
      p = new PlayerState();
      this.players.set(id, p);
    }
    return p;
  }

  private team(id: number): TeamState {
    let t = this.teams.get(id);
    if (t === undefined) {
      t = new TeamState();
      this.teams.set(id, t);
    }
    return t;
  }
}
