import type { FieldSource } from '../input/field-source';
import type { JsonDialect, RawRecord } from '../input/table';
import { resolveTeam, teamById, type NbaTeam } from '../teams/nba-teams';
import type { ProblemCollector } from '../validation/problems';
import type { SkippedRows } from '../validation/skipped-rows';
import { mapColumns, type FieldSpec } from './field-map';
import { RecordReader } from './record-reader';

/** Prop markets Propcast predicts (Prisma enum StatType). */
export type PropStat = 'POINTS' | 'REBOUNDS' | 'ASSISTS' | 'THREES' | 'PRA';

/** One over/under line as the feed gives it: player and game may still be names, resolved against the database later. */
export interface PropRow {
  row: number;
  playerId: number | null;
  playerName: string | null;
  gameId: string | null;
  /** Game day (US Eastern) from GAME_DATE or the tip-off time. */
  gameDate: string | null;
  /**
   * UTC calendar day of the tip-off, from feeds that give only that (The Odds API's event_date): the game day is
   * this day or, for a late tip-off, the day before; the game is found by its teams on either.
   */
  tipoffUtcDate: string | null;
  tipoffAt: Date | null;
  /** The player's team, when the feed says. */
  teamId: number | null;
  homeTeamId: number | null;
  awayTeamId: number | null;
  stat: PropStat;
  line: number;
  overPrice: number | null;
  underPrice: number | null;
  book: string;
  capturedAt: Date | null;
}

type Field =
  'playerId' | 'playerName' | 'gameId' | 'gameDate' | 'tipoffUtcDate' | 'game' | 'tipoffAt' | 'team' | 'homeTeam' | 'awayTeam' | 'stat' | 'line' | 'overPrice' | 'underPrice' | 'book' | 'capturedAt';

/** Column names of the prop fields: Propcast's own CSV/JSON and The Odds API's CSV export. */
export const PROP_FIELDS: FieldSpec<Field> = {
  playerId: { display: 'player_id', aliases: ['playerid', 'personid'] },
  playerName: { display: 'player', aliases: ['playername', 'player', 'name', 'participant'] },
  gameId: { display: 'game_id', aliases: ['gameid'] },
  gameDate: { display: 'game_date', aliases: ['gamedate', 'date'] },
  tipoffUtcDate: { display: 'event_date', aliases: ['eventdate', 'commencedate'] },
  game: { display: 'game', aliases: ['game', 'event'] },
  tipoffAt: { display: 'game_time', aliases: ['gametime', 'commencetime', 'tipoffat', 'starttime'] },
  team: { display: 'team', aliases: ['team', 'teamabbreviation', 'playerteam'] },
  homeTeam: { display: 'home_team', aliases: ['hometeam'] },
  awayTeam: { display: 'away_team', aliases: ['awayteam'] },
  stat: { display: 'stat', aliases: ['stat', 'market', 'stattype', 'prop'] },
  line: { display: 'line', aliases: ['line', 'point', 'handicap'] },
  overPrice: { display: 'over_price', aliases: ['overprice', 'overodds', 'over'] },
  underPrice: { display: 'under_price', aliases: ['underprice', 'underodds', 'under'] },
  book: { display: 'book', aliases: ['book', 'bookmaker', 'sportsbook'] },
  capturedAt: { display: 'captured_at', aliases: ['capturedat', 'timestamp', 'lastupdate', 'snapshottime'] },
};

/** Highest line accepted (a PRA line above 100 would be a typo). */
const MAX_LINE = 150;
const GAME = /^\s*(.+?)\s+(@|at|vs\.?)\s+(.+?)\s*$/i;
const EASTERN = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The US Eastern calendar day of an instant: NBA game days are Eastern, a 7:30 pm PT tip-off is the next UTC day. */
export function easternDate(instant: Date): string {
  return EASTERN.format(instant);
}

/** The prop market a feed's market name means (player_threes, "Points", "Total points, rebounds and assists"...), or undefined. */
export function statOfMarket(market: string): PropStat | undefined {
  const m = market
    .toLowerCase()
    .replace(/^player_/, '')
    .replace(/[_-]+/g, ' ');
  if (/alternate|double|triple|first|1st|quarter|half/.test(m)) return undefined;
  if (/points.*rebounds.*assists|pts.*reb.*ast|^pra$/.test(m)) return 'PRA';
  if (/\band\b|\+|total/.test(m)) return undefined;
  if (/three|threes|3 ?pt|3pm|fg3m/.test(m)) return 'THREES';
  if (/^(points?|pts)$/.test(m)) return 'POINTS';
  if (/^(rebounds?|reb)$/.test(m)) return 'REBOUNDS';
  if (/^(assists?|ast)$/.test(m)) return 'ASSISTS';
  return undefined;
}

/** Prefix of the reason counted for markets Propcast does not predict. */
export const SKIP_MARKET = 'market not predicted by Propcast';

/** BetMGM fixture documents: each player over/under market of the fixture becomes one row (book "betmgm"). */
export const BETMGM_FIXTURE: JsonDialect = {
  name: 'betmgm-fixture',
  matches: (doc) => !!doc && typeof doc === 'object' && !!(doc as { fixture?: { games?: unknown } }).fixture?.games,
  toRecords(doc) {
    type Result = { attr?: string; totalsPrefix?: string; americanOdds?: number };
    type Market = { name?: { value?: string }; player1?: { value?: string }; results?: Result[] };
    const fixture = (doc as { fixture: { name?: { value?: string }; startDate?: string; games: Market[] } }).fixture;
    const [away, home] = (fixture.name?.value ?? '').split(/\s+at\s+/);
    const records: RawRecord[] = [];
    fixture.games.forEach((market, i) => {
      if (!market.player1?.value) return;
      const over = market.results?.find((r) => r.totalsPrefix === 'Over');
      const under = market.results?.find((r) => r.totalsPrefix === 'Under');
      const player = market.player1.value.replace(/\s*\([A-Za-z]{2,4}\)\s*$/, '');
      const name = (market.name?.value ?? '').replace(market.player1.value, '').replace(/\([A-Za-z]{2,4}\)/, '');
      records.push({ row: i + 1, values: [player, away, home, fixture.startDate, marketOfQuestion(name), over?.attr ?? under?.attr, over?.americanOdds, under?.americanOdds, 'betmgm'] });
    });
    return { columns: ['player', 'away_team', 'home_team', 'game_time', 'market', 'line', 'over_price', 'under_price', 'book'], records };
  },
};

/** "How many points will X score?" → "points"; "X (MIL): Points" → "Points". */
function marketOfQuestion(name: string): string {
  const q = /^how many (.+?) will\s+.*$/i.exec(name.trim());
  return (q ? q[1] : name.replace(/^[^:]*:\s*/, '')).trim();
}

/** Maps prop-line records to PropRows, recording every field problem with row and column. */
export class PropMapper {
  private readonly r: RecordReader<Field>;

  /** `stat`: the market of a one-market feed whose rows name none (The Odds API's PRA near-close export). */
  constructor(
    columns: readonly string[],
    problems: ProblemCollector,
    private readonly skipped: SkippedRows,
    private readonly stat?: PropStat,
  ) {
    this.r = new RecordReader(mapColumns(columns, PROP_FIELDS), problems);
  }

  /** Required columns the table lacks. */
  missingColumns(): string[] {
    const r = this.r;
    const missing = (['line', 'book'] as const).filter((f) => !r.has(f)).map((f) => PROP_FIELDS[f].display);
    if (!r.has('stat') && !this.stat) missing.push('stat (or the batch option stat: --stat / ?stat= for a one-market feed)');
    if (!r.has('playerId') && !r.has('playerName')) missing.push('player_id or player');
    if (!r.has('gameId') && !r.has('game') && !r.has('gameDate') && !r.has('tipoffUtcDate') && !r.has('tipoffAt')) missing.push('game_id (or game_date/event_date/game_time with teams)');
    return missing;
  }

  /** The line the record describes, or null (problem recorded, or skipped). */
  map(record: FieldSource): PropRow | null {
    const r = this.r;
    r.load(record);
    const market = r.has('stat') ? r.text('stat') : this.stat;
    if (!r.require('stat', market ?? null)) return null;
    const stat = statOfMarket(market as string);
    if (!stat) {
      this.skipped.add(`${SKIP_MARKET}: ${market}`);
      return null;
    }
    const playerId = r.has('playerId') ? r.id('playerId') : null;
    const playerName = r.text('playerName');
    if (playerId === null && playerName === null) r.problem(r.has('playerId') ? 'playerId' : 'playerName', 'is required');
    const gameId = r.has('gameId') ? r.gameId('gameId') : null;
    const tipoffAt = r.has('tipoffAt') ? r.instant('tipoffAt') : null;
    const gameDate = (r.has('gameDate') ? r.date('gameDate') : null) ?? (tipoffAt ? easternDate(tipoffAt) : null);
    const tipoffUtcDate = gameDate === null && r.has('tipoffUtcDate') ? r.date('tipoffUtcDate') : null;
    const teams = this.gameTeams();
    const team = r.has('team') ? this.team('team') : null;
    if (gameId === null && gameDate === null && tipoffUtcDate === null && !r.rowHasProblems)
      r.problem(r.has('gameId') ? 'gameId' : 'gameDate', 'is required (game_id, or game_date/game_time with the teams)');
    if (gameId === null && (gameDate ?? tipoffUtcDate) !== null && !team && !teams?.home && !r.rowHasProblems)
      r.problem('team', 'is required to find the game when there is no game_id (team, or the game "Away @ Home")');
    const line = r.decimal('line');
    if (r.require('line', line) && (line <= 0 || line > MAX_LINE)) r.problem('line', `${line} is out of range (above 0, at most ${MAX_LINE})`);
    const overPrice = r.odds('overPrice');
    const underPrice = r.odds('underPrice');
    const book = r.text('book');
    r.require('book', book);
    const capturedAt = r.has('capturedAt') ? r.instant('capturedAt') : null;
    if (r.rowHasProblems || !stat || !line || !book || overPrice === undefined || underPrice === undefined || capturedAt === undefined || playerId === undefined || playerName === undefined)
      return null;
    return {
      row: record.row,
      playerId,
      playerName,
      gameId: gameId ?? null,
      gameDate: gameDate ?? null,
      tipoffUtcDate: tipoffUtcDate ?? null,
      tipoffAt: tipoffAt ?? null,
      teamId: team?.id ?? null,
      homeTeamId: teams?.home?.id ?? null,
      awayTeamId: teams?.away?.id ?? null,
      stat,
      line,
      overPrice,
      underPrice,
      book: book.toLowerCase(),
      capturedAt,
    };
  }

  /** Home and away teams from home_team/away_team or the game ("Away @ Home"); undefined when absent. */
  private gameTeams(): { home?: NbaTeam; away?: NbaTeam } | undefined {
    const r = this.r;
    if (r.has('homeTeam') || r.has('awayTeam')) return { home: this.team('homeTeam'), away: this.team('awayTeam') };
    const text = r.text('game');
    if (text == null) return undefined;
    const m = GAME.exec(text);
    if (!m) {
      r.problem('game', `${JSON.stringify(text)} is not a game (expected "Away Team @ Home Team")`);
      return undefined;
    }
    const [first, second] = [resolveTeam(m[1]), resolveTeam(m[3])];
    for (const [team, name] of [
      [first, m[1]],
      [second, m[3]],
    ] as const)
      if (!team) r.problem('game', `${JSON.stringify(name)} is not an NBA team`);
    return m[2].toLowerCase().startsWith('vs') ? { home: first, away: second } : { home: second, away: first };
  }

  private team(f: 'team' | 'homeTeam' | 'awayTeam'): NbaTeam | undefined {
    const raw = this.r.raw(f);
    if (typeof raw === 'number') return teamById(raw) ?? this.unknownTeam(f, String(raw));
    const text = this.r.text(f);
    if (text == null) return undefined;
    return resolveTeam(text) ?? this.unknownTeam(f, text);
  }

  private unknownTeam(f: Field, text: string): undefined {
    this.r.problem(f, `${JSON.stringify(text)} is not an NBA team`);
    return undefined;
  }
}
