import type { FieldSource } from '../input/field-source';
import type { NbaTeam } from '../teams/nba-teams';
import type { ProblemCollector } from '../validation/problems';
import { mapColumns, type FieldSpec } from './field-map';
import { RecordReader } from './record-reader';
import { TeamColumns } from './team-columns';

/** Statuses of the NBA official injury report (Prisma enum AvailabilityStatus). */
export const AVAILABILITY_STATUSES = ['OUT', 'DOUBTFUL', 'QUESTIONABLE', 'PROBABLE', 'AVAILABLE'] as const;
export type AvailabilityStatus = (typeof AVAILABILITY_STATUSES)[number];

/** One player status report as the file gives it; player and game are matched against the database later. */
export interface AvailabilityRow {
  row: number;
  playerId: number | null;
  playerName: string | null;
  teamId: number | null;
  gameId: string | null;
  gameDate: string | null;
  homeTeamId: number | null;
  awayTeamId: number | null;
  status: AvailabilityStatus;
  reason: string | null;
  reportedAt: Date | null;
}

type Field = 'playerId' | 'playerName' | 'team' | 'gameId' | 'gameDate' | 'matchup' | 'homeTeam' | 'awayTeam' | 'status' | 'reason' | 'reportedAt';

/**
 * Column names: the official injury report as usually parsed to CSV (Game Date, Game Time, Matchup "LAL@SAC", Team,
 * Player Name "Last, First", Current Status, Reason) and Propcast's own CSV/JSON (player_id or player, team, game_id
 * or game_date with home_team and away_team, status, reason, reported_at).
 */
export const AVAILABILITY_FIELDS: FieldSpec<Field> = {
  playerId: { display: 'player_id', aliases: ['playerid'] },
  playerName: { display: 'player_name', aliases: ['playername', 'player', 'name'] },
  team: { display: 'team', aliases: ['team', 'teamabbreviation', 'teamname'] },
  gameId: { display: 'game_id', aliases: ['gameid'] },
  gameDate: { display: 'game_date', aliases: ['gamedate', 'date'] },
  matchup: { display: 'matchup', aliases: ['matchup'] },
  homeTeam: { display: 'home_team', aliases: ['hometeam', 'home'] },
  awayTeam: { display: 'away_team', aliases: ['awayteam', 'away'] },
  status: { display: 'current_status', aliases: ['currentstatus', 'status', 'injurystatus'] },
  reason: { display: 'reason', aliases: ['reason', 'injury', 'comment'] },
  reportedAt: { display: 'reported_at', aliases: ['reportedat', 'reporttime', 'reportdatetime', 'timestamp'] },
};

/** Maps availability records to AvailabilityRows, recording every field problem with row and column. */
export class AvailabilityMapper {
  private readonly r: RecordReader<Field>;
  private readonly teams: TeamColumns<Field>;

  constructor(columns: readonly string[], problems: ProblemCollector) {
    this.r = new RecordReader(mapColumns(columns, AVAILABILITY_FIELDS), problems);
    this.teams = new TeamColumns(this.r);
  }

  /** Required columns the table lacks. */
  missingColumns(): string[] {
    const r = this.r;
    const missing: string[] = [];
    if (!r.has('playerId') && !r.has('playerName')) missing.push('player_id or player_name');
    if (!r.has('team')) missing.push('team');
    if (!r.has('status')) missing.push('current_status');
    if (!r.has('gameId') && !r.has('gameDate')) missing.push('game_id or game_date');
    return missing;
  }

  /** The report the record describes, or null (problem recorded). */
  map(record: FieldSource): AvailabilityRow | null {
    const r = this.r;
    r.load(record);
    const playerId = r.has('playerId') ? r.id('playerId') : null;
    const playerName = r.has('playerName') ? r.text('playerName') : null;
    if (playerId === null && playerName === null && !r.rowHasProblems) r.problem(r.has('playerName') ? 'playerName' : 'playerId', 'is required');
    const team = this.teams.read('team');
    if (team === null && !r.rowHasProblems) r.problem('team', 'is required');
    const gameId = r.has('gameId') ? r.gameId('gameId') : null;
    const gameDate = r.has('gameDate') ? r.date('gameDate') : null;
    if (gameId === null && gameDate === null && !r.rowHasProblems) r.problem(r.has('gameDate') ? 'gameDate' : 'gameId', 'is required (a game_id, or the game date)');
    const [home, away] = this.pair();
    const status = this.status();
    const reason = r.has('reason') ? r.text('reason') : null;
    const reportedAt = r.has('reportedAt') ? r.instant('reportedAt') : null;
    if (r.rowHasProblems || playerId === undefined || playerName === undefined || !team || gameId === undefined || gameDate === undefined) return null;
    if (home === undefined || away === undefined || !status || reason === undefined || reportedAt === undefined) return null;
    return { row: record.row, playerId, playerName, teamId: team.id, gameId, gameDate, homeTeamId: home?.id ?? null, awayTeamId: away?.id ?? null, status, reason, reportedAt };
  }

  /** Home and away teams: home_team/away_team columns, or the official report's matchup "AWAY@HOME". */
  private pair(): [NbaTeam | null | undefined, NbaTeam | null | undefined] {
    const r = this.r;
    if (r.has('homeTeam') || r.has('awayTeam')) return [this.teams.read('homeTeam'), this.teams.read('awayTeam')];
    if (!r.has('matchup')) return [null, null];
    const text = r.text('matchup');
    if (!text) return [text === undefined ? undefined : null, text === undefined ? undefined : null];
    const m = /^\s*([A-Za-z]{2,4})\s*@\s*([A-Za-z]{2,4})\s*$/.exec(text);
    const away = m ? this.teams.resolve(m[1]) : null;
    const home = m ? this.teams.resolve(m[2]) : null;
    if (!away || !home) {
      r.problem('matchup', `${JSON.stringify(text)} is not AWAY@HOME with two NBA teams`);
      return [undefined, undefined];
    }
    return [home, away];
  }

  private status(): AvailabilityStatus | undefined {
    const raw = this.r.text('status');
    if (raw === undefined) return undefined;
    const s = (raw ?? '').trim().toUpperCase().replace(/\s+/g, '_');
    if ((AVAILABILITY_STATUSES as readonly string[]).includes(s)) return s as AvailabilityStatus;
    this.r.problem('status', `${JSON.stringify(raw ?? '')} is not one of ${AVAILABILITY_STATUSES.join(', ')}`);
    return undefined;
  }
}
