import { UnsupportedFeatureSetError } from './errors';
import { FeatureComputer } from './feature-computer';
import type { FeatureSet } from './feature-set';
import { FeatureSetV1 } from './feature-set-v1';
import { FeatureSetV2, LINE_MOVE_FEATURES, V2_INDEX as X, V2_PARAMS } from './feature-set-v2';
import { FeatureSetV3, V3_INDEX as V3 } from './feature-set-v3';
import { environmentAsOf, indexAvailability, indexGameLines, statusesAsOf, teamGameKey, type TeamStatuses } from './pregame-context';
import { indexPropLines, playerGameKey, writeLineMovement } from './prop-lines';
import { RollingWindow } from './rolling-window';
import { LeagueScoring } from './league-scoring';
import type { StateReader, StateWriter } from './state-codec';
import { isPlayed } from './stat-extractors';
import { TeamRotation } from './team-rotation';
import { EMPTY_PREGAME_CONTEXT, type FeatureVector, type PlayerGameLog, type PregameContext, type PropLineSnapshot, type TargetGame, type TeamGameLog } from './types';

const OUT = 1;
const LINE_MOVE_OFFSET = X[LINE_MOVE_FEATURES[0]];

/** What the teammates of one team reported out leave free, as of one cutoff. */
interface TeamAbsences {
  statuses: TeamStatuses;
  out: number;
  doubtful: number;
  startersOut: number;
  minutes: number;
  fga: number;
  usage: number;
}

/**
 * Feature set v2 over dates in strictly increasing order, like {@link FeatureComputer}: the v1 vector, then
 * availability (own status; teammates out and the minutes, shots and usage they leave free in the team's recent
 * rotation), role (start rate, share of recent team minutes), game environment from game lines and prop line
 * movement. Only reports and lines from strictly before each target's cutoff are read; box scores of the target's
 * own date never are (a "DNP - Coach's Decision" is known only after the game).
 */
export class FeatureComputerV2 {
  private readonly v1 = new FeatureComputer(FeatureSetV1);
  private readonly rotations = new Map<number, TeamRotation>();
  private readonly starts = new Map<number, RollingWindow>();
  private readonly league = new LeagueScoring();

  /** v3: the v2 vector plus the era-relative game environment. */
  private readonly eraRelative: boolean;

  constructor(readonly featureSet: FeatureSet = FeatureSetV2) {
    const known = [FeatureSetV2, FeatureSetV3].find((s) => s.id === featureSet.id && s.definitionHash === featureSet.definitionHash);
    if (known === undefined) {
      throw new UnsupportedFeatureSetError(`FeatureComputerV2 implements ${FeatureSetV2.id} and ${FeatureSetV3.id} only, got ${featureSet.id}`);
    }
    this.eraRelative = known === FeatureSetV3;
  }

  /** The last date folded into the state, or null when nothing was ingested. */
  get lastIngestedDate(): string | null {
    return this.v1.lastIngestedDate;
  }

  /** Computes the v2 features of all targets of `date` from earlier games and what was known before each cutoff. */
  computeDate(date: string, targets: readonly TargetGame[], lines: readonly PropLineSnapshot[] = [], context: PregameContext = EMPTY_PREGAME_CONTEXT): FeatureVector[] {
    const base = this.v1.computeDate(date, targets, lines);
    const lineIndex = indexPropLines(lines);
    const reports = indexAvailability(context.availability);
    const gameLines = indexGameLines(context.gameLines);
    const absences = new Map<string, TeamAbsences>();
    const width = this.featureSet.featureNames.length;
    return base.map((vector, i) => {
      const t = targets[i];
      const values = new Float32Array(width).fill(NaN);
      values.set(vector.values);
      const cutoffMs = t.cutoffAt.getTime();
      const key = `${teamGameKey(t.gameId, t.teamId)}:${cutoffMs}`;
      let team = absences.get(key);
      if (team === undefined) {
        team = this.absences(statusesAsOf(reports.get(teamGameKey(t.gameId, t.teamId)), cutoffMs), t.teamId);
        absences.set(key, team);
      }
      this.writeAvailability(values, t, team);
      this.writeRole(values, t);
      writeEnvironment(values, t, environmentAsOf(gameLines.get(t.gameId), cutoffMs), this.eraRelative ? this.league.gamePoints(t.season) : null);
      writeLineMovement(lineIndex.get(playerGameKey(t.playerId, t.gameId)), cutoffMs, values, LINE_MOVE_OFFSET);
      return { ...vector, featureSetId: this.featureSet.id, values };
    });
  }

  /** Folds the final box scores of `date` into the state; call after computing that date's features. */
  ingestDate(date: string, playerLogs: readonly PlayerGameLog[], teamLogs: readonly TeamGameLog[]): void {
    this.v1.ingestDate(date, playerLogs, teamLogs);
    this.league.ingest(teamLogs);
    const teamGames = new Map<string, PlayerGameLog[]>();
    for (const log of playerLogs) {
      const key = teamGameKey(log.gameId, log.teamId);
      const rows = teamGames.get(key);
      if (rows === undefined) teamGames.set(key, [log]);
      else rows.push(log);
      if (isPlayed(log) && log.started !== undefined) this.startWindow(log.playerId).push(log.started ? 1 : 0);
    }
    for (const rows of teamGames.values()) this.rotation(rows[0].teamId).ingestGame(rows);
  }

  /** Saves the v1 state, then every team rotation and start window, then the league's scoring sums (see FeatureComputer.writeState). */
  writeState(w: StateWriter): void {
    this.v1.writeState(w);
    w.u32(this.rotations.size);
    for (const [teamId, rotation] of this.rotations) {
      w.i32(teamId);
      rotation.writeState(w);
    }
    w.u32(this.starts.size);
    for (const [playerId, window] of this.starts) {
      w.i32(playerId);
      window.writeState(w);
    }
    this.league.writeState(w);
  }

  /** Restores what writeState saved; only into a computer that has ingested nothing. */
  readState(r: StateReader): void {
    this.v1.readState(r);
    for (let n = r.u32(); n > 0; n--) this.rotation(r.i32()).readState(r);
    for (let n = r.u32(); n > 0; n--) this.startWindow(r.i32()).readState(r);
    this.league.readState(r);
  }

  /** Sums over the teammates reported OUT (vacated work) and counts of the doubtful ones, from the team's rotation. */
  private absences(statuses: TeamStatuses, teamId: number): TeamAbsences {
    const team: TeamAbsences = { statuses, out: 0, doubtful: 0, startersOut: 0, minutes: 0, fga: 0, usage: 0 };
    const rotation = this.rotations.get(teamId);
    for (const [playerId, severity] of statuses.severity) {
      if (severity < OUT) {
        if (severity >= 0.5) team.doubtful++;
        continue;
      }
      const share = rotation?.share(playerId);
      // Out players who never played in the recent rotation leave nothing free (two-way and deep-bench inactives).
      if (share === undefined || share === null || share.minutes === 0) continue;
      team.out++;
      if (share.startShare >= V2_PARAMS.starterShare) team.startersOut++;
      team.minutes += share.minutes;
      team.fga += share.fga;
      team.usage += share.usage;
    }
    return team;
  }

  private writeAvailability(v: Float32Array, t: TargetGame, team: TeamAbsences): void {
    // No report for the team before the cutoff: nothing is known (missing), not "everyone available".
    if (team.statuses.reports === 0) return;
    const own = team.statuses.severity.get(t.playerId);
    v[X.own_status] = own ?? 0;
    let { out, doubtful, startersOut, minutes, fga, usage } = team;
    // The player's own report is not a teammate's: take it back out of the team's sums.
    if (own !== undefined && own >= OUT) {
      const share = this.rotations.get(t.teamId)?.share(t.playerId);
      if (share && share.minutes > 0) {
        out--;
        if (share.startShare >= V2_PARAMS.starterShare) startersOut--;
        minutes -= share.minutes;
        fga -= share.fga;
        usage -= share.usage;
      }
    } else if (own !== undefined && own >= 0.5) doubtful--;
    v[X.teammates_out] = out;
    v[X.teammates_doubtful] = doubtful;
    v[X.starters_out] = startersOut;
    v[X.vacated_minutes] = Math.max(0, minutes);
    v[X.vacated_fga] = Math.max(0, fga);
    v[X.vacated_usage] = Math.max(0, usage);
  }

  private writeRole(v: Float32Array, t: TargetGame): void {
    const starts = this.starts.get(t.playerId);
    if (starts !== undefined && starts.size > 0) v[X.start_rate_last10] = starts.mean();
    const share = this.rotations.get(t.teamId)?.share(t.playerId);
    if (share !== undefined && share !== null) v[X.rotation_minutes_last10] = share.minutes;
  }

  private rotation(teamId: number): TeamRotation {
    let r = this.rotations.get(teamId);
    if (r === undefined) {
      r = new TeamRotation(V2_PARAMS.rotationGames);
      this.rotations.set(teamId, r);
    }
    return r;
  }

  private startWindow(playerId: number): RollingWindow {
    let w = this.starts.get(playerId);
    if (w === undefined) {
      w = new RollingWindow(V2_PARAMS.roleWindow);
      this.starts.set(playerId, w);
    }
    return w;
  }
}

/**
 * Spread, total, implied team total and blowout risk from the target's team's side (home spread negated for the away
 * team), and in v3 the same relative to the league's scoring level of one game (`leaguePoints`; null: v2, or unknown).
 */
function writeEnvironment(v: Float32Array, t: TargetGame, env: { homeSpread: number; total: number }, leaguePoints: number | null): void {
  const spread = t.isHome ? env.homeSpread : -env.homeSpread;
  v[X.team_spread] = spread;
  v[X.game_total] = env.total;
  v[X.implied_team_total] = env.total / 2 - spread / 2;
  v[X.blowout_risk] = Math.abs(env.homeSpread);
  if (leaguePoints === null) return;
  v[V3.game_total_vs_league] = env.total - leaguePoints;
  v[V3.implied_team_total_vs_league] = env.total / 2 - spread / 2 - leaguePoints / 2;
  v[V3.team_spread_share] = spread / leaguePoints;
}
