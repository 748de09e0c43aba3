import type { FieldSource } from '../input/field-source';
import type { JsonDialect } from '../input/table';
import { resolveTeam, teamById, type NbaTeam } from '../teams/nba-teams';
import type { ProblemCollector } from '../validation/problems';
import type { SkippedRows } from '../validation/skipped-rows';
import { SKIP_ALL_STAR, SKIP_EXHIBITION } from './box-scores.format';
import { mapColumns, type FieldSpec } from './field-map';
import { RecordReader } from './record-reader';
import { gameTypeOfGameId, seasonOfGameId, type SeasonType } from './values';

/** One scheduled game, from a game row (home/away columns) or a team row (LeagueGameFinder: TEAM + MATCHUP). */
export interface ScheduleRow {
  row: number;
  gameId: string;
  gameDate: string;
  season: string;
  seasonType: SeasonType;
  homeTeamId: number;
  awayTeamId: number;
  tipoffAt: Date | null;
}

type Field = 'gameId' | 'gameDate' | 'season' | 'tipoffAt' | 'homeTeam' | 'awayTeam' | 'teamId' | 'team' | 'matchup';

/** Column names of the schedule fields: Propcast's own (game_id, game_date, home_team, away_team, tipoff_at) and nba_api LeagueGameFinder. */
export const SCHEDULE_FIELDS: FieldSpec<Field> = {
  gameId: { display: 'GAME_ID', aliases: ['gameid', 'gid'] },
  gameDate: { display: 'GAME_DATE', aliases: ['gamedate', 'date', 'gdte'] },
  season: { display: 'SEASON', aliases: ['season', 'seasonyear', 'seasonid'] },
  tipoffAt: { display: 'TIPOFF_AT', aliases: ['tipoffat', 'tipoff', 'starttime', 'gametime', 'commencetime'] },
  homeTeam: { display: 'HOME_TEAM', aliases: ['hometeam', 'hometeamid', 'hometeamabbreviation', 'home'] },
  awayTeam: { display: 'AWAY_TEAM', aliases: ['awayteam', 'awayteamid', 'awayteamabbreviation', 'away', 'visitorteam', 'visitor'] },
  teamId: { display: 'TEAM_ID', aliases: ['teamid'] },
  team: { display: 'TEAM_ABBREVIATION', aliases: ['teamabbreviation', 'team'] },
  matchup: { display: 'MATCHUP', aliases: ['matchup'] },
};

const MATCHUP = /^\s*([A-Za-z]{2,4})\s+(vs\.?|@|at)\s+([A-Za-z]{2,4})\s*$/;

/** data.nba.net's season schedule (`{lscd: [{mscd: {g: [...]}}]}`) as a table of games with UTC tip-off times. */
export const DATA_NBA_NET_SCHEDULE: JsonDialect = {
  name: 'data-nba-net-schedule',
  matches: (doc) => !!doc && typeof doc === 'object' && Array.isArray((doc as { lscd?: unknown }).lscd),
  toRecords(doc) {
    type Game = { gid?: string; gdte?: string; gdtutc?: string; utctm?: string; h?: { tid?: number }; v?: { tid?: number } };
    const months = (doc as { lscd: { mscd?: { g?: Game[] } }[] }).lscd;
    const games = months.flatMap((m) => m.mscd?.g ?? []);
    return {
      columns: ['gameId', 'gameDate', 'homeTeam', 'awayTeam', 'tipoffAt'],
      records: games.map((g, i) => ({
        row: i + 1,
        values: [g.gid, g.gdte, g.h?.tid, g.v?.tid, g.gdtutc && g.utctm ? `${g.gdtutc}T${g.utctm}:00Z` : null],
      })),
    };
  },
};

/** Maps schedule records to ScheduleRows, recording every field problem with row and column. */
export class ScheduleMapper {
  private readonly r: RecordReader<Field>;

  constructor(
    columns: readonly string[],
    problems: ProblemCollector,
    private readonly skipped: SkippedRows,
  ) {
    this.r = new RecordReader(mapColumns(columns, SCHEDULE_FIELDS), problems);
  }

  /** Required columns the table lacks. */
  missingColumns(): string[] {
    const r = this.r;
    const missing = (['gameId', 'gameDate'] as const).filter((f) => !r.has(f)).map((f) => SCHEDULE_FIELDS[f].display);
    const gameRows = r.has('homeTeam') && r.has('awayTeam');
    const teamRows = r.has('matchup') && (r.has('teamId') || r.has('team'));
    if (!gameRows && !teamRows) missing.push('HOME_TEAM and AWAY_TEAM (or TEAM_ABBREVIATION and MATCHUP)');
    return missing;
  }

  /** The game the record describes, or null (problem recorded, or skipped). */
  map(record: FieldSource): ScheduleRow | null {
    const r = this.r;
    r.load(record);
    const gameId = r.gameId('gameId');
    r.require('gameId', gameId);
    const gameType = gameId ? gameTypeOfGameId(gameId) : undefined;
    if (gameId && gameType === undefined) r.problem('gameId', `${gameId} is not a regular-season, playoff, play-in or preseason game id`);
    if (gameType === 'ALL_STAR') {
      this.skipped.add(SKIP_ALL_STAR);
      return null;
    }
    const teams = r.has('homeTeam') && r.has('awayTeam') ? this.gameTeams() : this.teamRowTeams();
    if (teams && gameType === 'PRESEASON' && (teams.home.team === null || teams.away.team === null)) {
      this.skipped.add(SKIP_EXHIBITION);
      return null;
    }
    for (const side of teams ? [teams.home, teams.away] : []) if (side.team === null) r.problem(side.field, `${JSON.stringify(side.text)} is not an NBA team`);
    if (teams?.home.team && teams.away.team && teams.home.team.id === teams.away.team.id) r.problem(teams.home.field, `${teams.home.team.abbreviation} cannot play itself`);
    const gameDate = r.date('gameDate');
    r.require('gameDate', gameDate);
    const season = (r.has('season') ? r.season('season') : null) ?? (gameId ? seasonOfGameId(gameId) : null);
    const tipoffAt = r.has('tipoffAt') ? r.instant('tipoffAt') : null;
    if (r.rowHasProblems || !gameId || !gameDate || !season || !teams?.home.team || !teams.away.team || tipoffAt === undefined) return null;
    return {
      row: record.row,
      gameId,
      gameDate,
      season,
      seasonType: gameType as SeasonType,
      homeTeamId: teams.home.team.id,
      awayTeamId: teams.away.team.id,
      tipoffAt,
    };
  }

  private gameTeams(): { home: Side; away: Side } | undefined {
    const home = this.side('homeTeam');
    const away = this.side('awayTeam');
    return home && away ? { home, away } : undefined;
  }

  /** LeagueGameFinder: the row's team plus MATCHUP ("LAL vs. BOS" home, "LAL @ BOS" away). */
  private teamRowTeams(): { home: Side; away: Side } | undefined {
    const r = this.r;
    const text = r.text('matchup');
    if (!r.require('matchup', text)) return undefined;
    const m = MATCHUP.exec(text);
    if (!m) {
      r.problem('matchup', `${JSON.stringify(text)} is not a matchup (expected "LAL vs. BOS" or "LAL @ BOS")`);
      return undefined;
    }
    const own: Side = { team: resolveTeam(m[1]) ?? null, text: m[1], field: 'matchup' };
    const other: Side = { team: resolveTeam(m[3]) ?? null, text: m[3], field: 'matchup' };
    const id = r.has('teamId') ? r.id('teamId') : null;
    const rowTeam = typeof id === 'number' ? teamById(id) : resolveTeam(r.text('team') ?? '');
    if (own.team && rowTeam && rowTeam.id !== own.team.id) r.problem('matchup', `${text} does not start with the row's team ${rowTeam.abbreviation}`);
    return m[2].toLowerCase().startsWith('vs') ? { home: own, away: other } : { home: other, away: own };
  }

  private side(f: 'homeTeam' | 'awayTeam'): Side | undefined {
    const raw = this.r.raw(f);
    if (typeof raw === 'number') return { team: teamById(raw) ?? null, text: String(raw), field: f };
    const text = this.r.text(f);
    if (!this.r.require(f, text)) return undefined;
    return { team: resolveTeam(text) ?? null, text, field: f };
  }
}

interface Side {
  team: NbaTeam | null;
  text: string;
  field: Field;
}
