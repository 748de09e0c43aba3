import type { FieldSource } from '../input/field-source';
import type { ProblemCollector } from '../validation/problems';
import { mapColumns, type FieldSpec } from './field-map';
import { RecordReader } from './record-reader';
import { TeamColumns } from './team-columns';

/** One game line (spread, total, moneylines of one book at one time) as the file gives it; the game is matched against the database later. */
export interface GameLineRow {
  row: number;
  gameId: string | null;
  gameDate: string | null;
  homeTeamId: number | null;
  awayTeamId: number | null;
  book: string;
  /** Points the home team gets: negative when the home team is favoured. */
  homeSpread: number | null;
  total: number | null;
  homeMoneyline: number | null;
  awayMoneyline: number | null;
  capturedAt: Date | null;
  /** The file names one side favourite and the moneylines the other (accepted, counted). */
  favouriteContradictsMoneylines: boolean;
}

type Field = 'gameId' | 'gameDate' | 'homeTeam' | 'awayTeam' | 'book' | 'homeSpread' | 'spread' | 'favoured' | 'total' | 'homeMoneyline' | 'awayMoneyline' | 'capturedAt';

/**
 * Column names of the line fields: Propcast's own CSV/JSON (game_id or game_date + home_team + away_team, book, home_spread,
 * total, home_moneyline, away_moneyline, captured_at) and the closing-lines file (date, home, away with ESPN codes,
 * whos_favored + unsigned spread, total, moneyline_home, moneyline_away). Score columns are never read: a game's final
 * score is an outcome, not a line.
 */
export const GAME_LINE_FIELDS: FieldSpec<Field> = {
  gameId: { display: 'game_id', aliases: ['gameid'] },
  gameDate: { display: 'game_date', aliases: ['gamedate', 'date'] },
  homeTeam: { display: 'home_team', aliases: ['hometeam', 'home'] },
  awayTeam: { display: 'away_team', aliases: ['awayteam', 'away'] },
  book: { display: 'book', aliases: ['book', 'bookmaker', 'sportsbook'] },
  homeSpread: { display: 'home_spread', aliases: ['homespread', 'spreadhome'] },
  spread: { display: 'spread', aliases: ['spread'] },
  favoured: { display: 'whos_favored', aliases: ['whosfavored', 'whosfavoured', 'favored', 'favoured', 'favorite', 'favourite'] },
  total: { display: 'total', aliases: ['total', 'overunder'] },
  homeMoneyline: { display: 'home_moneyline', aliases: ['homemoneyline', 'moneylinehome', 'homeml', 'mlhome'] },
  awayMoneyline: { display: 'away_moneyline', aliases: ['awaymoneyline', 'moneylineaway', 'awayml', 'mlaway'] },
  capturedAt: { display: 'captured_at', aliases: ['capturedat', 'timestamp', 'lastupdate', 'snapshottime'] },
};

/** Book of the closing-lines file (it names none: its lines are the market's closing consensus). */
export const CLOSING_BOOK = 'CLOSING';
/** Largest point spread accepted (the biggest NBA closing spreads are near 20). */
export const MAX_SPREAD = 40;
/** Range of game totals accepted. */
export const TOTAL_RANGE = [120, 350] as const;

/** Maps game-line records to GameLineRows, recording every field problem with row and column. */
export class GameLineMapper {
  private readonly r: RecordReader<Field>;
  private readonly teams: TeamColumns<Field>;

  constructor(columns: readonly string[], problems: ProblemCollector) {
    this.r = new RecordReader(mapColumns(columns, GAME_LINE_FIELDS), problems);
    this.teams = new TeamColumns(this.r);
  }

  /** Required columns the table lacks. */
  missingColumns(): string[] {
    const r = this.r;
    const missing: string[] = [];
    if (!r.has('gameId') && !(r.has('gameDate') && r.has('homeTeam') && r.has('awayTeam'))) missing.push('game_id (or game_date with home_team and away_team)');
    if (!r.has('book') && !r.has('favoured')) missing.push('book');
    if (r.has('spread') && !r.has('favoured') && !r.has('homeSpread')) missing.push('whos_favored (spread is unsigned: the favourite gives it) or home_spread');
    if (!(['homeSpread', 'spread', 'total', 'homeMoneyline', 'awayMoneyline'] as const).some((f) => r.has(f))) missing.push('home_spread, total or moneylines');
    return missing;
  }

  /** The line the record describes, or null (problem recorded). */
  map(record: FieldSource): GameLineRow | null {
    const r = this.r;
    r.load(record);
    const gameId = r.has('gameId') ? r.gameId('gameId') : null;
    const gameDate = r.has('gameDate') ? r.date('gameDate') : null;
    const home = this.teams.read('homeTeam');
    const away = this.teams.read('awayTeam');
    if (gameId === null && !r.rowHasProblems) {
      if (gameDate === null) r.problem('gameDate', 'is required when there is no game_id');
      if (home === null) r.problem('homeTeam', 'is required when there is no game_id');
      if (away === null) r.problem('awayTeam', 'is required when there is no game_id');
    }
    if (home && away && home.id === away.id) r.problem('awayTeam', `${away.abbreviation} cannot play itself`);
    const book = r.has('book') ? r.text('book') : CLOSING_BOOK;
    r.require('book', book);
    const homeSpread = this.homeSpread();
    const total = r.decimal('total');
    if (typeof total === 'number' && (total < TOTAL_RANGE[0] || total > TOTAL_RANGE[1])) r.problem('total', `${total} is out of range (${TOTAL_RANGE[0]} to ${TOTAL_RANGE[1]})`);
    const homeMoneyline = r.odds('homeMoneyline');
    const awayMoneyline = r.odds('awayMoneyline');
    const capturedAt = r.has('capturedAt') ? r.instant('capturedAt') : null;
    if (homeSpread === null && total === null && homeMoneyline === null && awayMoneyline === null && !r.rowHasProblems) {
      r.problem(r.has('homeSpread') ? 'homeSpread' : r.has('spread') ? 'spread' : 'total', 'the row holds no line: give a spread, a total or moneylines');
    }
    if (r.rowHasProblems || gameId === undefined || gameDate === undefined || !book || homeSpread === undefined || total === undefined) return null;
    if (homeMoneyline === undefined || awayMoneyline === undefined || capturedAt === undefined || home === undefined || away === undefined) return null;
    return {
      row: record.row,
      gameId,
      gameDate,
      homeTeamId: home?.id ?? null,
      awayTeamId: away?.id ?? null,
      book,
      homeSpread,
      total,
      homeMoneyline,
      awayMoneyline,
      capturedAt,
      favouriteContradictsMoneylines: contradicts(homeSpread, homeMoneyline, awayMoneyline),
    };
  }

  /** home_spread as given (signed), or the unsigned spread signed by whos_favored: -spread when the home team gives it. */
  private homeSpread(): number | null | undefined {
    const r = this.r;
    if (r.has('homeSpread')) {
      const signed = r.decimal('homeSpread');
      if (typeof signed === 'number' && Math.abs(signed) > MAX_SPREAD) r.problem('homeSpread', `${signed} is out of range (-${MAX_SPREAD} to ${MAX_SPREAD})`);
      return typeof signed === 'number' && Math.abs(signed) > MAX_SPREAD ? undefined : signed;
    }
    if (!r.has('spread')) return null;
    const spread = r.decimal('spread');
    if (spread === null || spread === undefined) return spread;
    if (spread < 0 || spread > MAX_SPREAD) {
      r.problem('spread', `${spread} is out of range (0 to ${MAX_SPREAD}: the favourite gives it, whos_favored says who)`);
      return undefined;
    }
    if (spread === 0) return 0;
    const side = r.text('favoured')?.toLowerCase() ?? null;
    if (side === 'home') return -spread;
    if (side === 'away') return spread;
    r.problem('favoured', side === null ? 'is required when the spread is not 0' : `${JSON.stringify(side)} is not home or away`);
    return undefined;
  }
}

/** True when the spread favours one side and both moneylines the other. */
function contradicts(homeSpread: number | null, homeMoneyline: number | null, awayMoneyline: number | null): boolean {
  if (homeSpread === null || homeSpread === 0 || homeMoneyline === null || awayMoneyline === null || homeMoneyline === awayMoneyline) return false;
  return homeSpread < 0 !== homeMoneyline < awayMoneyline;
}
