import type { FieldSource } from '../input/field-source';
import { resolveTeam, teamById, type NbaTeam } from '../teams/nba-teams';
import type { ProblemCollector } from '../validation/problems';
import type { SkippedRows } from '../validation/skipped-rows';
import { deriveGameId } from './derived-game-id';
import { mapColumns, type FieldSpec } from './field-map';
import { RecordReader } from './record-reader';
import { gameTypeOfGameId, seasonOfGameId, seasonWindowOfGameId, type SeasonType } from './values';

/** Counting stats of a box-score line, in storage order. */
export const BOX_SCORE_STATS = ['fgm', 'fga', 'fg3m', 'fg3a', 'ftm', 'fta', 'oreb', 'dreb', 'reb', 'ast', 'stl', 'blk', 'tov', 'pf', 'pts', 'plusMinus'] as const;
/** One of BOX_SCORE_STATS. */
export type BoxScoreStat = (typeof BOX_SCORE_STATS)[number];

/** One player's line for one game, normalised from any supported box-score format. */
export interface BoxScoreRow extends Record<BoxScoreStat, number | null> {
  row: number;
  playerId: number;
  playerName: string;
  gameId: string;
  /** Null until resolved from the batch or the stored game (BoxScoreTraditionalV2 has no date). */
  gameDate: string | null;
  season: string;
  seasonType: SeasonType;
  teamId: number;
  opponentTeamId: number | null;
  isHome: boolean | null;
  /** Null when the source has neither a STARTED nor a START_POSITION column (unknown, not bench). */
  started: boolean | null;
  /** Did not play: a DNP/DND/NWT comment, a DNP flag, no minutes and no stats, or zero minutes. */
  dnp: boolean;
  /** The published comment, trimmed ("DNP - Coach's Decision", "DND - Injury/Illness", "NWT - Personal"...); null when blank or absent. */
  comment: string | null;
  minutes: number;
}

type Field =
  | 'season'
  | 'gameId'
  | 'gameDate'
  | 'teamId'
  | 'team'
  | 'opponentTeamId'
  | 'opponent'
  | 'isHome'
  | 'matchup'
  | 'playerId'
  | 'playerName'
  | 'startPosition'
  | 'started'
  | 'comment'
  | 'dnp'
  | 'minutes'
  | BoxScoreStat;

/** Column names each field is read from (nba_api PlayerGameLogs/LeagueGameLog/BoxScoreTraditionalV2, the Propcast JSON schema, common snake_case). */
export const BOX_SCORE_FIELDS: FieldSpec<Field> = {
  season: { display: 'SEASON', aliases: ['season', 'seasonyear', 'seasonid'] },
  gameId: { display: 'GAME_ID', aliases: ['gameid'] },
  gameDate: { display: 'GAME_DATE', aliases: ['gamedate', 'date'] },
  teamId: { display: 'TEAM_ID', aliases: ['teamid'] },
  team: { display: 'TEAM_ABBREVIATION', aliases: ['teamabbreviation', 'teamtricode', 'team'] },
  opponentTeamId: { display: 'OPP_TEAM_ID', aliases: ['oppteamid', 'opponentteamid'] },
  opponent: { display: 'OPP_TEAM_ABBREVIATION', aliases: ['oppteamabbreviation', 'opponent', 'opp', 'opponentteam'] },
  isHome: { display: 'IS_HOME', aliases: ['ishome', 'homeaway'] },
  matchup: { display: 'MATCHUP', aliases: ['matchup'] },
  playerId: { display: 'PLAYER_ID', aliases: ['playerid', 'personid'] },
  playerName: { display: 'PLAYER_NAME', aliases: ['playername', 'player', 'name'] },
  startPosition: { display: 'START_POSITION', aliases: ['startposition'] },
  started: { display: 'STARTED', aliases: ['started', 'starter'] },
  comment: { display: 'COMMENT', aliases: ['comment'] },
  dnp: { display: 'DNP', aliases: ['dnp'] },
  minutes: { display: 'MIN', aliases: ['min', 'minutes', 'minraw'] },
  fgm: { display: 'FGM', aliases: ['fgm'] },
  fga: { display: 'FGA', aliases: ['fga'] },
  fg3m: { display: 'FG3M', aliases: ['fg3m', 'threesmade', '3pm'] },
  fg3a: { display: 'FG3A', aliases: ['fg3a', 'threesattempted', '3pa'] },
  ftm: { display: 'FTM', aliases: ['ftm'] },
  fta: { display: 'FTA', aliases: ['fta'] },
  oreb: { display: 'OREB', aliases: ['oreb'] },
  dreb: { display: 'DREB', aliases: ['dreb'] },
  reb: { display: 'REB', aliases: ['reb', 'rebounds'] },
  ast: { display: 'AST', aliases: ['ast', 'assists'] },
  stl: { display: 'STL', aliases: ['stl', 'steals'] },
  blk: { display: 'BLK', aliases: ['blk', 'blocks'] },
  tov: { display: 'TOV', aliases: ['tov', 'to', 'turnovers'] },
  pf: { display: 'PF', aliases: ['pf'] },
  pts: { display: 'PTS', aliases: ['pts', 'points'] },
  plusMinus: { display: 'PLUS_MINUS', aliases: ['plusminus'] },
};

/** Upper bounds of the counting stats (PTS 0-100 by the issue; the rest generous single-game records). */
const STAT_MAX: Record<Exclude<BoxScoreStat, 'plusMinus'>, number> = {
  fgm: 60,
  fga: 100,
  fg3m: 30,
  fg3a: 50,
  ftm: 40,
  fta: 50,
  oreb: 40,
  dreb: 50,
  reb: 60,
  ast: 40,
  stl: 20,
  blk: 20,
  tov: 20,
  pf: 10,
  pts: 100,
};
/** Largest minutes a player can log (quadruple overtime is 68). */
export const MAX_MINUTES = 70;
const PLUS_MINUS_LIMIT = 80;
/** Stats a player who played must have: those the props are on (REB checked apart: OREB + DREB will do). */
const REQUIRED_STATS = ['pts', 'ast', 'fg3m'] as const;
const DNP_COMMENT = /^\s*(DNP|DND|NWT)\b|did not (play|dress)|not with team|inactive/i;
const MATCHUP = /^\s*([A-Za-z]{2,4})\s+(vs\.?|@|at)\s+([A-Za-z]{2,4})\s*$/;

/** Reason an All-Star row is skipped rather than imported. */
export const SKIP_ALL_STAR = 'All-Star game';
/** Reason a preseason row against a non-NBA club is skipped rather than imported. */
export const SKIP_EXHIBITION = 'exhibition against a non-NBA team';

/** A row being read: every field may still be null (blank) or undefined (invalid, reported). */
type Draft = { [K in keyof BoxScoreRow]: BoxScoreRow[K] | null | undefined };

/** True when every required field of the draft holds a value. */
function isComplete(row: Draft): row is BoxScoreRow {
  return (
    !!row.playerId &&
    !!row.playerName &&
    !!row.gameId &&
    !!row.season &&
    !!row.seasonType &&
    !!row.teamId &&
    row.gameDate !== undefined &&
    row.opponentTeamId !== undefined &&
    row.isHome !== undefined &&
    typeof row.minutes === 'number' &&
    BOX_SCORE_STATS.every((st) => row[st] !== undefined)
  );
}

/** A team as a row names it: the NBA team, or null when the name is not an NBA team. */
interface TeamMention {
  team: NbaTeam | null;
  text: string;
  field: Field;
}

interface Matchup {
  team: TeamMention;
  isHome: boolean;
  opponent: TeamMention;
}

/** A row that is counted as skipped, not read. */
const SKIPPED = Symbol('skipped');

interface GameOfRow {
  sourceId: boolean;
  gameId: string | null | undefined;
  gameType: ReturnType<typeof gameTypeOfGameId> | 'REGULAR';
}

interface TeamsOfRow {
  matchup: Matchup | null | undefined;
  team: TeamMention | undefined;
  opponent: TeamMention | null | undefined;
}

/** Maps box-score records of one table to BoxScoreRows, recording every field problem with row and column. */
export class BoxScoreMapper {
  private readonly r: RecordReader<Field>;
  private readonly teamCache = new Map<string, NbaTeam | null>();

  constructor(
    columns: readonly string[],
    problems: ProblemCollector,
    private readonly skipped: SkippedRows,
  ) {
    this.r = new RecordReader(mapColumns(columns, BOX_SCORE_FIELDS), problems);
  }

  /** Required columns the table lacks (the batch cannot be read without them). */
  missingColumns(): string[] {
    const r = this.r;
    const missing: string[] = [];
    for (const f of ['playerId', 'playerName', 'gameId', 'minutes', ...REQUIRED_STATS] as const) {
      if (f === 'gameId') {
        if (!r.has(f) && !this.canDeriveGameId()) missing.push('GAME_ID (or GAME_DATE with MATCHUP, to derive it)');
      } else if (!r.has(f)) missing.push(BOX_SCORE_FIELDS[f].display);
    }
    if (!r.has('teamId') && !r.has('team') && !r.has('matchup')) missing.push('TEAM_ID, TEAM_ABBREVIATION or MATCHUP');
    if (!r.has('reb') && !(r.has('oreb') && r.has('dreb'))) missing.push('REB (or OREB and DREB)');
    return missing;
  }

  /**
   * The row, or null when it has problems (recorded) or is skipped (counted). Steps, in the order their problems are
   * reported: the game (id and type), the teams, home/away, the player, the date, the stats, then the checks across fields.
   */
  map(record: FieldSource): BoxScoreRow | null {
    const r = this.r;
    r.load(record);
    const game = this.game();
    if (game === SKIPPED) return null;
    const teams = this.teams(game.gameType);
    if (teams === SKIPPED) return null;
    const isHome = this.homeOrAway(teams.matchup);
    const playerId = r.id('playerId');
    r.require('playerId', playerId);
    const playerName = r.text('playerName');
    r.require('playerName', playerName);
    const gameDate = this.gameDate(game);
    // Sources without GAME_ID are game logs of the regular season: the id is derived once date and teams are read.
    const gameId = game.sourceId ? game.gameId : this.derivedGameId(gameDate, teams.team, teams.opponent, isHome);
    const season = (r.has('season') ? r.season('season') : null) ?? (gameId ? seasonOfGameId(gameId) : null);
    const row: Draft = {
      row: record.row,
      playerId,
      playerName,
      gameId,
      gameDate,
      season,
      seasonType: game.gameType as SeasonType | undefined,
      teamId: teams.team?.team?.id,
      opponentTeamId: teams.opponent === undefined ? undefined : (teams.opponent?.team?.id ?? null),
      isHome,
      started: this.started(),
      dnp: false,
      comment: r.has('comment') ? r.derived('comment', (text) => text) : null,
      ...this.stats(),
    };
    this.checkPlayingTime(row);
    this.crossChecks(row);
    if (row.reb === null && typeof row.oreb === 'number' && typeof row.dreb === 'number') row.reb = row.oreb + row.dreb;
    return r.rowHasProblems || !isComplete(row) ? null : row;
  }

  /** GAME_ID and the game type its digits say; SKIPPED (counted) for an All-Star game. Without a GAME_ID column: a regular-season game. */
  private game(): GameOfRow | typeof SKIPPED {
    const r = this.r;
    const sourceId = r.has('gameId');
    const gameId = sourceId ? r.gameId('gameId') : null;
    if (sourceId) r.require('gameId', gameId);
    const gameType = gameId ? gameTypeOfGameId(gameId) : sourceId ? undefined : 'REGULAR';
    if (gameId && gameType === undefined) r.problem('gameId', `${gameId} is not a regular-season, playoff, play-in or preseason game id (digits 1-3 must be 001, 002, 004 or 005)`);
    if (gameType === 'ALL_STAR') {
      this.skipped.add(SKIP_ALL_STAR);
      return SKIPPED;
    }
    return { sourceId, gameId, gameType };
  }

  /** The row's team, MATCHUP and opponent, each checked against the others; SKIPPED (counted) for a preseason game against a non-NBA team. */
  private teams(gameType: GameOfRow['gameType']): TeamsOfRow | typeof SKIPPED {
    const r = this.r;
    const matchup = this.matchup();
    const team = this.rowTeam() ?? matchup?.team;
    const opponent = this.opponent(matchup);
    const notNba = team?.team === null || matchup?.team.team === null || matchup?.opponent.team === null || opponent?.team === null;
    if (notNba) {
      if (gameType === 'PRESEASON') {
        this.skipped.add(SKIP_EXHIBITION);
        return SKIPPED;
      }
      for (const m of [team, matchup?.team, matchup ? undefined : opponent, matchup?.opponent]) if (m?.team === null) r.problem(m.field, `${JSON.stringify(m.text)} is not an NBA team`);
    }
    if (team?.team && matchup?.team.team && matchup.team.team.id !== team.team.id) {
      r.problem('matchup', `${String(r.raw('matchup'))} does not start with the row's team ${team.team.abbreviation}`);
    }
    return { matchup, team, opponent };
  }

  /** Home or away from the home column, MATCHUP winning (a disagreement is reported). */
  private homeOrAway(matchup: Matchup | null | undefined): boolean | null | undefined {
    const r = this.r;
    const isHome = r.has('isHome') ? this.homeFlag() : null;
    if (!matchup || isHome === undefined) return isHome;
    if (isHome !== null && isHome !== matchup.isHome) r.problem('isHome', `says ${isHome ? 'home' : 'away'} but MATCHUP ${String(r.raw('matchup'))} says ${matchup.isHome ? 'home' : 'away'}`);
    return matchup.isHome;
  }

  /** GAME_DATE, which must fall in the season of the row's GAME_ID. */
  private gameDate(game: GameOfRow): string | null | undefined {
    const r = this.r;
    const gameDate = r.date('gameDate');
    if (game.sourceId && game.gameId && gameDate) {
      const window = seasonWindowOfGameId(game.gameId);
      if (gameDate < window.from || gameDate > window.to) {
        r.problem('gameDate', `${gameDate} is outside season ${seasonOfGameId(game.gameId)} of GAME_ID ${game.gameId} (its games are dated ${window.from} to ${window.to})`);
      }
    }
    return gameDate;
  }

  /** Minutes and the counting stats, each within its range. */
  private stats(): Pick<Draft, 'minutes' | BoxScoreStat | 'plusMinus'> {
    const r = this.r;
    return {
      minutes: r.minutes('minutes'),
      fgm: r.count('fgm', STAT_MAX.fgm),
      fga: r.count('fga', STAT_MAX.fga),
      fg3m: r.count('fg3m', STAT_MAX.fg3m),
      fg3a: r.count('fg3a', STAT_MAX.fg3a),
      ftm: r.count('ftm', STAT_MAX.ftm),
      fta: r.count('fta', STAT_MAX.fta),
      oreb: r.count('oreb', STAT_MAX.oreb),
      dreb: r.count('dreb', STAT_MAX.dreb),
      reb: r.count('reb', STAT_MAX.reb),
      ast: r.count('ast', STAT_MAX.ast),
      stl: r.count('stl', STAT_MAX.stl),
      blk: r.count('blk', STAT_MAX.blk),
      tov: r.count('tov', STAT_MAX.tov),
      pf: r.count('pf', STAT_MAX.pf),
      pts: r.count('pts', STAT_MAX.pts),
      plusMinus: r.has('plusMinus') ? r.signed('plusMinus', PLUS_MINUS_LIMIT) : null,
    };
  }

  /** Whether the table says enough to derive a GAME_ID: the date and the home team (MATCHUP, or teams and home/away). */
  private canDeriveGameId(): boolean {
    const r = this.r;
    const teams = r.has('matchup') || ((r.has('teamId') || r.has('team')) && (r.has('opponentTeamId') || r.has('opponent')) && r.has('isHome'));
    return r.has('gameDate') && teams;
  }

  /** The derived GAME_ID of a row from a source without one; undefined (reported unless already) when date or teams are missing. */
  private derivedGameId(gameDate: string | null | undefined, team: TeamMention | undefined, opponent: TeamMention | null | undefined, isHome: boolean | null | undefined): string | undefined {
    const home = isHome === true ? team?.team : isHome === false ? opponent?.team : undefined;
    if (gameDate && home) return deriveGameId(gameDate, home.id);
    if (gameDate === null) this.r.problem('gameDate', 'is required to derive GAME_ID (the file has no GAME_ID column)');
    else if (isHome === null) this.r.problem('isHome', 'is required to derive GAME_ID (the file has no GAME_ID column)');
    else if (!this.r.rowHasProblems) this.r.problem('gameId', 'cannot be derived: the home team is unknown (the file has no GAME_ID column)');
    return undefined;
  }

  /**
   * DNP detection: a DNP flag, zero minutes, or no minutes with a DNP/DND/NWT comment or no stats. Minutes win over a
   * comment (the real data has "DNP - Coach's Decision" on lines with 18 minutes and 17 points); a DNP flag does not.
   */
  private checkPlayingTime(row: Draft): void {
    const r = this.r;
    const flag = r.has('dnp') ? r.bool('dnp') : null;
    let minutes = row.minutes;
    if (typeof minutes === 'number' && (minutes < 0 || minutes > MAX_MINUTES)) {
      r.problem('minutes', `${round(minutes)} is out of range (0 to ${MAX_MINUTES})`);
      minutes = undefined;
    }
    if (flag === true && typeof minutes === 'number' && minutes > 0) r.problem('dnp', `says the player did not play but MIN is ${round(minutes)}`);
    const comment = minutes === null ? (row.comment ?? null) : null;
    row.dnp = flag === true || minutes === 0 || (minutes === null && ((comment !== null && DNP_COMMENT.test(comment)) || BOX_SCORE_STATS.every((st) => row[st] === null)));
    row.minutes = minutes === null && row.dnp ? 0 : minutes;
    if (row.dnp) return;
    r.require('minutes', minutes);
    for (const st of REQUIRED_STATS) if (row[st] === null) r.problem(st, 'is required for a player who played');
    if (row.reb === null && (row.oreb === null || row.dreb === null)) r.problem('reb', 'is required for a player who played');
  }

  /** The row's own team from TEAM_ID and/or TEAM_ABBREVIATION; undefined when absent (MATCHUP then says) or contradictory (reported). */
  private rowTeam(): TeamMention | undefined {
    const r = this.r;
    const id = r.has('teamId') ? r.id('teamId') : null;
    if (id === undefined) return undefined;
    const byId: TeamMention | undefined = id === null ? undefined : { team: teamById(id) ?? null, text: String(id), field: 'teamId' };
    const byCode: TeamMention | null = r.derived('team', (text) => ({ team: this.resolve(text), text, field: 'team' as const }));
    const code = byCode?.text;
    if (byId?.team && byCode && byCode.team?.id !== byId.team.id) {
      r.problem('team', `${code} does not match TEAM_ID ${id} (${byId.team.abbreviation})`);
      return undefined;
    }
    const mention = byId?.team ? byId : (byCode ?? byId);
    if (!mention && (r.has('teamId') || r.has('team') || r.raw('matchup') === undefined)) r.problem(r.has('teamId') ? 'teamId' : 'team', 'is required');
    return mention;
  }

  /** MATCHUP ("LAL vs. BOS" home, "LAL @ BOS" away); null when absent, undefined when malformed (reported). */
  private matchup(): Matchup | null | undefined {
    const parsed = this.r.derived('matchup', (text) => {
      const m = MATCHUP.exec(text);
      return m
        ? {
            team: { team: this.resolve(m[1]), text: m[1], field: 'matchup' as const },
            isHome: m[2].toLowerCase().startsWith('vs'),
            opponent: { team: this.resolve(m[3]), text: m[3], field: 'matchup' as const },
          }
        : { malformed: text };
    });
    if (parsed === null) return null;
    if ('malformed' in parsed) {
      this.r.problem('matchup', `${JSON.stringify(parsed.malformed)} is not a matchup (expected "LAL vs. BOS" or "LAL @ BOS")`);
      return undefined;
    }
    return parsed;
  }

  /** The opponent from OPP_TEAM_ID/OPP_TEAM_ABBREVIATION or MATCHUP; null when neither says, undefined when they disagree. */
  private opponent(matchup: Matchup | null | undefined): TeamMention | null | undefined {
    const r = this.r;
    if (matchup === undefined) return undefined;
    const id = r.has('opponentTeamId') ? r.id('opponentTeamId') : null;
    if (id === undefined) return undefined;
    const code = r.text('opponent');
    if (code === undefined) return undefined;
    const explicit: TeamMention | null =
      id !== null ? { team: teamById(id) ?? null, text: String(id), field: 'opponentTeamId' } : code !== null ? { team: this.resolve(code), text: code, field: 'opponent' } : null;
    if (!matchup) return explicit;
    if (explicit?.team && matchup.opponent.team && explicit.team.id !== matchup.opponent.team.id) {
      r.problem(explicit.field, `${explicit.text} does not match MATCHUP ${String(r.raw('matchup'))}`);
      return undefined;
    }
    return matchup.opponent;
  }

  private homeFlag(): boolean | null | undefined {
    const raw = this.r.raw('isHome');
    if (typeof raw === 'string') {
      const s = raw.trim().toLowerCase();
      if (s === 'home' || s === 'h') return true;
      if (s === 'away' || s === 'a' || s === 'road') return false;
    }
    return this.r.bool('isHome');
  }

  private started(): boolean | null {
    if (this.r.has('started')) return this.r.bool('started') === true;
    if (this.r.has('startPosition')) return this.r.text('startPosition') !== null;
    return null;
  }

  /** Made ≤ attempted, REB = OREB + DREB and PTS = 2·FGM + FG3M + FTM when all the numbers are there. */
  private crossChecks(s: Draft): void {
    const r = this.r;
    const num = (v: number | null | undefined): v is number => typeof v === 'number';
    if (num(s.fgm) && num(s.fga) && s.fgm > s.fga) r.problem('fgm', `${s.fgm} made is more than ${s.fga} attempted (FGA)`);
    if (num(s.fg3m) && num(s.fg3a) && s.fg3m > s.fg3a) r.problem('fg3m', `${s.fg3m} made is more than ${s.fg3a} attempted (FG3A)`);
    if (num(s.ftm) && num(s.fta) && s.ftm > s.fta) r.problem('ftm', `${s.ftm} made is more than ${s.fta} attempted (FTA)`);
    if (num(s.fg3m) && num(s.fgm) && s.fg3m > s.fgm) r.problem('fg3m', `${s.fg3m} threes made is more than ${s.fgm} field goals made (FGM)`);
    if (num(s.fg3a) && num(s.fga) && s.fg3a > s.fga) r.problem('fg3a', `${s.fg3a} threes attempted is more than ${s.fga} field goals attempted (FGA)`);
    if (num(s.reb) && num(s.oreb) && num(s.dreb) && s.reb !== s.oreb + s.dreb) r.problem('reb', `${s.reb} is not OREB + DREB (${s.oreb} + ${s.dreb} = ${s.oreb + s.dreb})`);
    if (num(s.pts) && num(s.fgm) && num(s.fg3m) && num(s.ftm) && s.pts !== 2 * s.fgm + s.fg3m + s.ftm) {
      r.problem('pts', `${s.pts} is not 2×FGM + FG3M + FTM (${2 * s.fgm + s.fg3m + s.ftm})`);
    }
  }

  private resolve(code: string): NbaTeam | null {
    let team = this.teamCache.get(code);
    if (team === undefined) {
      team = resolveTeam(code) ?? null;
      this.teamCache.set(code, team);
    }
    return team;
  }
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}
