import type { StateReader, StateWriter } from './state-codec';
import type { TeamGameLog } from './types';

/** Fewest team games of a season before its own average stands alone (earlier, the previous season's stands in). */
const MIN_SEASON_TEAM_GAMES = 60;

/**
 * The league's scoring level as of a date: average points of one game (both teams) over the season so far, from the
 * box scores folded in (strictly earlier dates, as every feature). Until a season has MIN_SEASON_TEAM_GAMES team games,
 * the previous season's full average stands in (also known before the date); null when neither exists.
 */
export class LeagueScoring {
  private readonly seasons = new Map<string, { points: number; teamGames: number }>();
  private readonly order: string[] = [];

  /** Folds one date's team games into the season's sums (teams whose points are unknown are skipped). */
  ingest(teamLogs: readonly TeamGameLog[]): void {
    for (const log of teamLogs) {
      if (log.pts === null) continue;
      let season = this.seasons.get(log.season);
      if (season === undefined) {
        season = { points: 0, teamGames: 0 };
        this.seasons.set(log.season, season);
        this.order.push(log.season);
        this.order.sort();
      }
      season.points += log.pts;
      season.teamGames++;
    }
  }

  /** Average points of one game (both teams) of `season` so far, or the previous season's, or null. */
  gamePoints(season: string): number | null {
    const own = this.seasons.get(season);
    if (own !== undefined && own.teamGames >= MIN_SEASON_TEAM_GAMES) return (2 * own.points) / own.teamGames;
    const previous = [...this.order].reverse().find((s) => s < season);
    const prior = previous === undefined ? undefined : this.seasons.get(previous);
    if (prior !== undefined && prior.teamGames > 0) return (2 * prior.points) / prior.teamGames;
    if (own !== undefined && own.teamGames > 0) return (2 * own.points) / own.teamGames;
    return null;
  }

  /** Saves every season's sums in season order (checkpoints: see FeatureComputer.writeState). */
  writeState(w: StateWriter): void {
    w.u32(this.order.length);
    for (const season of this.order) {
      const sums = this.seasons.get(season) ?? { points: 0, teamGames: 0 }; // every ordered season has sums
      w.str(season);
      w.f64(sums.points);
      w.u32(sums.teamGames);
    }
  }

  /** Restores what writeState saved, into an instance that has ingested nothing. */
  readState(r: StateReader): void {
    for (let n = r.u32(); n > 0; n--) {
      const season = r.str();
      if (season === null) throw new Error('league scoring state: a season without a name');
      const points = r.f64();
      const teamGames = r.u32();
      this.seasons.set(season, { points, teamGames });
      this.order.push(season);
    }
  }
}
