import type { AvailabilityReport, GameLineSnapshot, PlayerGameLog, PropLineSnapshot } from '@propcast/features';

/** Status of a game in the schedule (Prisma enum GameStatus). */
export type GameStatus = 'SCHEDULED' | 'FINAL';

/** One game of the schedule, final or not. */
export interface ScheduleGame {
  id: string;
  gameDate: string;
  season: string;
  homeTeamId: number;
  awayTeamId: number;
  status: GameStatus;
  /** Tip-off instant when the schedule knows it. */
  tipoffAt: Date | null;
}

/**
 * Everything stored about one game date: its games, its box-score rows (DNP included), its prop lines and, for
 * feature sets that read them, its availability reports and game lines.
 */
export interface DateBundle {
  date: string;
  games: ScheduleGame[];
  playerLogs: PlayerGameLog[];
  lines: PropLineSnapshot[];
  availability: AvailabilityReport[];
  gameLines: GameLineSnapshot[];
}

/** A date with nothing stored for it. */
export function emptyBundle(date: string): DateBundle {
  return { date, games: [], playerLogs: [], lines: [], availability: [], gameLines: [] };
}
