import { isPlayed, type PlayerGameLog } from '@propcast/features';

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

  /** Player ids (ascending) of the team's recent roster; empty for a team without games. */
  recentRoster(teamId: number): number[] {
    const ids = new Set<number>();
    for (const players of this.recentGames.get(teamId) ?? []) {
      for (const id of players) if (this.latestTeam.get(id) === teamId) ids.add(id);
    }
    return [...ids].sort((a, b) => a - b);
  }
}
