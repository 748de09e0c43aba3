import { FeatureSetV1 } from '../feature-set-v1';
import type { PlayerGameLog, PropLineSnapshot, TargetGame, TeamGameLog } from '../types';

/**
 * Naive, obviously-correct re-implementation of v1 used to check the incremental computer:
 * re-scans the full history for every target. Returns values in FeatureSetV1 order.
 */
export class ReferenceFeatures {
  private readonly byPlayer = new Map<number, PlayerGameLog[]>();
  private readonly byTeam = new Map<number, TeamGameLog[]>();

  constructor(
    playerLogs: readonly PlayerGameLog[],
    teamLogs: readonly TeamGameLog[],
    private readonly lines: readonly PropLineSnapshot[],
  ) {
    for (const l of playerLogs) push(this.byPlayer, l.playerId, l);
    for (const l of teamLogs) push(this.byTeam, l.teamId, l);
    for (const list of this.byPlayer.values()) list.sort((a, b) => a.gameDate.localeCompare(b.gameDate));
    for (const list of this.byTeam.values()) list.sort((a, b) => a.gameDate.localeCompare(b.gameDate));
  }

  compute(t: TargetGame): Float64Array {
    const f: Record<string, number> = {};
    const played = (this.byPlayer.get(t.playerId) ?? []).filter((l) => l.gameDate < t.gameDate && !l.dnp && l.minutes > 0);
    const statOf: Record<string, (l: PlayerGameLog) => number | null> = {
      points: (l) => l.pts,
      rebounds: (l) => l.reb,
      assists: (l) => l.ast,
      threes: (l) => l.fg3m,
      minutes: (l) => l.minutes,
      pra: (l) => (l.pts === null || l.reb === null || l.ast === null ? null : l.pts + l.reb + l.ast),
    };
    const vsOpp = played.filter((l) => l.opponentTeamId === t.opponentTeamId);
    const thisSeason = played.filter((l) => l.season === t.season);
    for (const [stat, get] of Object.entries(statOf)) {
      const all = played.map(get).filter((v): v is number => v !== null);
      const last = (k: number) => all.slice(Math.max(0, all.length - k));
      const w = last(10);
      f[`${stat}_avg_last3`] = mean(last(3));
      f[`${stat}_avg_last5`] = mean(last(5));
      f[`${stat}_avg_last10`] = mean(w);
      let ema = NaN;
      for (const v of all) ema = Number.isNaN(ema) ? v : 0.3 * v + 0.7 * ema;
      f[`${stat}_ema`] = ema;
      f[`${stat}_season_avg`] = mean(thisSeason.map(get).filter((v): v is number => v !== null));
      f[`${stat}_std_last10`] = w.length < 2 ? NaN : Math.sqrt(w.reduce((s, v) => s + (v - mean(w)) ** 2, 0) / (w.length - 1));
      f[`${stat}_min_last10`] = w.length ? Math.min(...w) : NaN;
      f[`${stat}_max_last10`] = w.length ? Math.max(...w) : NaN;
      const sorted = [...w].sort((a, b) => a - b);
      const m = sorted.length >> 1;
      f[`${stat}_median_last10`] = !sorted.length ? NaN : sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
      f[`${stat}_slope_last10`] = slope(w);
      f[`${stat}_momentum`] = mean(last(3)) - mean(w);
      f[`${stat}_avg_vs_opp`] = mean(vsOpp.map(get).filter((v): v is number => v !== null));
    }
    const prev = played[played.length - 1];
    const rest = prev === undefined ? NaN : (Date.parse(t.gameDate) - Date.parse(prev.gameDate)) / 86_400_000;
    f.is_home = t.isHome ? 1 : 0;
    f.rest_days = rest;
    f.back_to_back = Number.isNaN(rest) ? NaN : rest === 1 ? 1 : 0;
    f.games_played_season = thisSeason.length;
    f.games_vs_opp = vsOpp.length;
    const minutes = played.map((l) => l.minutes);
    f.minutes_trend = mean(minutes.slice(Math.max(0, minutes.length - 5))) - mean(thisSeason.map((l) => l.minutes));
    const usage = played.filter((l) => l.fga !== null && l.fta !== null && l.tov !== null).slice(-10);
    const usageMinutes = usage.reduce((s, l) => s + l.minutes, 0);
    f.usage_proxy_last10 = usageMinutes > 0 ? usage.reduce((s, l) => s + (l.fga as number) + 0.44 * (l.fta as number) + (l.tov as number), 0) / usageMinutes : NaN;
    const teamGames = (id: number) => (this.byTeam.get(id) ?? []).filter((l) => l.gameDate < t.gameDate);
    const pace = (id: number) =>
      mean(
        teamGames(id)
          .filter((l) => l.fga !== null && l.fta !== null && l.oreb !== null && l.tov !== null)
          .map((l) => (l.fga as number) + 0.44 * (l.fta as number) - (l.oreb as number) + (l.tov as number))
          .slice(-10),
      );
    const allowed = (get: (l: TeamGameLog) => number | null) =>
      mean(
        teamGames(t.opponentTeamId)
          .map(get)
          .filter((v): v is number => v !== null)
          .slice(-15),
      );
    f.team_pace_last10 = pace(t.teamId);
    f.opp_pace_last10 = pace(t.opponentTeamId);
    f.opp_allowed_points_last15 = allowed((l) => l.oppPts);
    f.opp_allowed_rebounds_last15 = allowed((l) => l.oppReb);
    f.opp_allowed_assists_last15 = allowed((l) => l.oppAst);
    const cutoff = t.cutoffAt.getTime();
    for (const stat of ['POINTS', 'REBOUNDS', 'ASSISTS', 'THREES', 'PRA']) {
      const known = this.lines.filter((l) => l.playerId === t.playerId && l.gameId === t.gameId && l.stat === stat && new Date(l.capturedAt).getTime() < cutoff);
      const latest = Math.max(...known.map((l) => new Date(l.capturedAt).getTime()));
      f[`line_${stat.toLowerCase()}`] = mean(known.filter((l) => new Date(l.capturedAt).getTime() === latest).map((l) => l.line));
    }
    const out = new Float64Array(FeatureSetV1.featureNames.length);
    FeatureSetV1.featureNames.forEach((name, i) => {
      if (!(name in f)) throw new Error(`reference misses feature ${name}`);
      out[i] = f[name];
    });
    return out;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, v: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [v]);
  else list.push(v);
}

function mean(xs: number[]): number {
  return xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
}

function slope(ys: number[]): number {
  const n = ys.length;
  if (n < 2) return NaN;
  const xm = (n - 1) / 2;
  const ym = mean(ys);
  let num = 0;
  let den = 0;
  ys.forEach((y, i) => {
    num += (i - xm) * (y - ym);
    den += (i - xm) ** 2;
  });
  return num / den;
}

/** Index of a v1 feature by name (throws on a typo). */
export function idx(name: string): number {
  const i = FeatureSetV1.featureNames.indexOf(name);
  if (i < 0) throw new Error(`no feature ${name}`);
  return i;
}

/** Asserts two vectors agree within float32 precision, NaN matching NaN; returns the mismatching names. */
export function mismatches(actual: Float32Array, expected: Float64Array): string[] {
  const bad: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    const ok = Number.isNaN(e) ? Number.isNaN(a) : Math.abs(a - e) <= 1e-5 * Math.max(1, Math.abs(e));
    if (!ok) bad.push(`${FeatureSetV1.featureNames[i]}: got ${a}, expected ${e}`);
  }
  return bad;
}
