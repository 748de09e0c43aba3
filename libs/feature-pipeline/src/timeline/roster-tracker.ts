import { isPlayed, type PlayerGameLog, type StateReader, type StateWriter } from '@propcast/features';

/**
 * Recent rosters from box scores, point in time: a team's roster is the players who played for it in its
 * last `gamesPerTeam` games and whose latest game was for that team (a traded player leaves his old roster).
 */
export class RosterTracker {
  private readonly recentGames = new Map<number, number[][]>();
  private readonly latestTeam = new Map<number, number>();

  constructor(private readonly gamesPerTeam: number) {}

  /** Folds one date's box-score rows in (dates in increasing order). */
  ingestDate(logs: readonly PlayerGameLog[]): void {
    const games = new Map<string, { teamId: number; players: number[] }>();
    for (const log of logs) {
      if (!isPlayed(log)) continue;
      const key = `${log.gameId}:${log.teamId}`;
      let game = games.get(key);
      if (game === undefined) {
        game = { teamId: log.teamId, players: [] };
        games.set(key, game);
      }
      game.players.push(log.playerId);
      this.latestTeam.set(log.playerId, log.teamId);
    }
    for (const { teamId, players } of games.values()) {
      const recent = this.recentGames.get(teamId) ?? [];
      recent.push(players);
      if (recent.length > this.gamesPerTeam) recent.shift();
      this.recentGames.set(teamId, recent);
    }
  }

  /** Saves the recent games of every team and each player's latest team (part of a checkpoint). */
  writeState(w: StateWriter): void {
    w.u32(this.gamesPerTeam);
    w.u32(this.recentGames.size);
    for (const [teamId, games] of this.recentGames) {
      w.i32(teamId);
      w.u32(games.length);
      for (const players of games) {
        w.u32(players.length);
        for (const id of players) w.i32(id);
      }
    }
    w.u32(this.latestTeam.size);
    for (const [playerId, teamId] of this.latestTeam) {
      w.i32(playerId);
      w.i32(teamId);
    }
  }

  /** Restores what writeState saved into this fresh tracker of the same depth. */
  readState(r: StateReader): void {
    r.expect(this.gamesPerTeam, 'a roster depth of');
    for (let t = r.u32(); t > 0; t--) {
      const teamId = r.i32();
      const games: number[][] = [];
      for (let g = r.u32(); g > 0; g--) {
        const players: number[] = [];
        for (let n = r.u32(); n > 0; n--) players.push(r.i32());
        games.push(players);
      }
      this.recentGames.set(teamId, games);
    }
    for (let n = r.u32(); n > 0; n--) this.latestTeam.set(r.i32(), r.i32());
  }

  /** Player ids (ascending) of the team's recent roster; empty for a team without games. */
  recentRoster(teamId: number): number[] {
    const ids = new Set<number>();
    for (const players of this.recentGames.get(teamId) ?? []) {
      for (const id of players) if (this.latestTeam.get(id) === teamId) ids.add(id);
    }
    return [...ids].sort((a, b) => a - b);
  }
}
