import { GameDate } from '@propcast/common';
import type { TargetGame } from '@propcast/features';
import type { DateBundle, ScheduleGame } from '../history/history.types';
import type { RosterTracker } from './roster-tracker';

/**
 * Cutoff of a played game: its tip-off when the schedule knows it (every line captured before the game counts),
 * otherwise the start of its date (UTC), so a line of unknown timing on game day never reaches the features.
 */
export function historicalCutoff(game: ScheduleGame | undefined, date: string): Date {
  return game?.tipoffAt ?? GameDate.startOf(date);
}

/** Cutoff of an upcoming game: the moment the row is computed, or tip-off if that already passed. */
export function upcomingCutoff(game: ScheduleGame, now: Date): Date {
  return game.tipoffAt !== null && game.tipoffAt.getTime() < now.getTime() ? game.tipoffAt : now;
}

/** True when scheduled games of `date` are close enough to `now` to get roster-based rows. */
export function withinUpcomingHorizon(date: string, now: Date, horizonDays: number): boolean {
  return date <= GameDate.addDays(GameDate.of(now), horizonDays);
}

/** One target per box-score row of the date (DNP rows included: nobody knew before the game). */
export function historicalTargets(bundle: DateBundle): TargetGame[] {
  const games = new Map(bundle.games.map((g) => [g.id, g]));
  return bundle.playerLogs.map((log) => ({
    playerId: log.playerId,
    gameId: log.gameId,
    gameDate: log.gameDate,
    season: log.season,
    teamId: log.teamId,
    opponentTeamId: log.opponentTeamId,
    isHome: log.isHome,
    cutoffAt: historicalCutoff(games.get(log.gameId), bundle.date),
  }));
}

/**
 * Targets of the date's SCHEDULED games that have no box score yet: each team's recent roster (players already
 * targeted on this date are skipped). Nothing for dates beyond the upcoming horizon.
 */
export function upcomingTargets(bundle: DateBundle, rosters: RosterTracker, now: Date, horizonDays: number): TargetGame[] {
  if (!withinUpcomingHorizon(bundle.date, now, horizonDays)) return [];
  const withBoxScore = new Set(bundle.playerLogs.map((l) => l.gameId));
  const taken = new Set(bundle.playerLogs.map((l) => l.playerId));
  const out: TargetGame[] = [];
  for (const game of bundle.games) {
    if (game.status !== 'SCHEDULED' || withBoxScore.has(game.id)) continue;
    const cutoffAt = upcomingCutoff(game, now);
    for (const [teamId, opponentTeamId, isHome] of [
      [game.homeTeamId, game.awayTeamId, true],
      [game.awayTeamId, game.homeTeamId, false],
    ] as const) {
      for (const playerId of rosters.recentRoster(teamId)) {
        if (taken.has(playerId)) continue;
        taken.add(playerId);
        out.push({ playerId, gameId: game.id, gameDate: bundle.date, season: game.season, teamId, opponentTeamId, isHome, cutoffAt });
      }
    }
  }
  return out;
}
