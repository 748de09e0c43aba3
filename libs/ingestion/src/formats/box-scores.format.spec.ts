import { openTable } from '../input/table';
import { boxScoreJsonRow } from '../testing/box-score-rows';
import { formatProblem, ProblemCollector } from '../validation/problems';
import { SkippedRows } from '../validation/skipped-rows';
import { BoxScoreMapper, SKIP_ALL_STAR, SKIP_EXHIBITION, type BoxScoreRow } from './box-scores.format';

const HEADER = 'SEASON,GAME_ID,GAME_DATE,TEAM_ID,TEAM_ABBREVIATION,MATCHUP,PLAYER_ID,PLAYER_NAME,START_POSITION,COMMENT,MIN,FGM,FGA,FG3M,FG3A,FTM,FTA,OREB,DREB,REB,AST,STL,BLK,TOV,PF,PTS,PLUS_MINUS';
const GOOD = '2018-19,0021800001,2018-10-16,1610612738,BOS,BOS vs. PHI,202681,Kyrie Irving,G,,27:14,2,14,1,4,2,2,0,4,4,7,2,0,2,2,7,-1';

/** Replaces columns of the good row by name. */
function row(changes: Record<string, string> = {}): string {
  const names = HEADER.split(',');
  const values = GOOD.split(',');
  for (const [k, v] of Object.entries(changes)) values[names.indexOf(k)] = v;
  return values.join(',');
}

async function map(text: string, fileName = 'b.csv'): Promise<{ rows: BoxScoreRow[]; problems: string[]; skipped: SkippedRows; missing: string[] }> {
  const problems = new ProblemCollector();
  const skipped = new SkippedRows();
  const table = await openTable({ bytes: Buffer.from(text), fileName });
  const mapper = new BoxScoreMapper(table.columns, problems, skipped);
  const rows: BoxScoreRow[] = [];
  await table.forEach((record) => {
    const r = mapper.map(record);
    if (r) rows.push(r);
  });
  return { rows, problems: problems.list().map(formatProblem), skipped, missing: mapper.missingColumns() };
}

describe('BoxScoreMapper', () => {
  it('normalises an nba_api row: home from "vs.", opponent from MATCHUP, season type from GAME_ID, mm:ss minutes', async () => {
    const { rows, problems } = await map(`${HEADER}\n${GOOD}\n`);
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({
      row: 2,
      playerId: 202681,
      playerName: 'Kyrie Irving',
      gameId: '0021800001',
      gameDate: '2018-10-16',
      season: '2018-19',
      seasonType: 'REGULAR',
      teamId: 1610612738,
      opponentTeamId: 1610612755,
      isHome: true,
      started: true,
      dnp: false,
      pts: 7,
      reb: 4,
      plusMinus: -1,
    });
    expect(rows[0].minutes).toBeCloseTo(27 + 14 / 60);
  });

  it('reads started from START_POSITION (blank: bench) and leaves it unknown (null) when the source has no such column', async () => {
    const withPosition = await map(`${HEADER}\n${GOOD}\n${row({ PLAYER_ID: '2', START_POSITION: '' })}\n`);
    expect(withPosition.rows.map((r) => r.started)).toEqual([true, false]);
    const names = HEADER.split(',');
    const drop = (line: string) =>
      line
        .split(',')
        .filter((_, i) => names[i] !== 'START_POSITION')
        .join(',');
    const without = await map(`${drop(HEADER)}\n${drop(GOOD)}\n`);
    expect(without.problems).toEqual([]);
    expect(without.rows.map((r) => r.started)).toEqual([null]);
  });

  it('reads minutes as 34, 34.5 or 34:12, and "@" as away', async () => {
    const { rows } = await map(`${HEADER}\n${row({ MIN: '34' })}\n${row({ MIN: '34.5', PLAYER_ID: '2' })}\n${row({ MIN: '34:12', PLAYER_ID: '3', MATCHUP: 'BOS @ PHI' })}\n`);
    expect(rows.map((r) => r.minutes)).toEqual([34, 34.5, 34.2]);
    expect(rows[2].isHome).toBe(false);
  });

  it('recognises DNP rows and zero-minute rows as not played (dnp, 0 minutes)', async () => {
    const dnp = row({
      COMMENT: "DNP - Coach's Decision",
      MIN: '',
      FGM: '',
      FGA: '',
      FG3M: '',
      FG3A: '',
      FTM: '',
      FTA: '',
      OREB: '',
      DREB: '',
      REB: '',
      AST: '',
      STL: '',
      BLK: '',
      TOV: '',
      PF: '',
      PTS: '',
      PLUS_MINUS: '',
      START_POSITION: '',
    });
    const zero = row({
      PLAYER_ID: '5',
      MIN: '0',
      FGM: '0',
      FGA: '0',
      FG3M: '0',
      FG3A: '0',
      FTM: '0',
      FTA: '0',
      OREB: '0',
      DREB: '0',
      REB: '0',
      AST: '0',
      STL: '0',
      BLK: '0',
      TOV: '0',
      PF: '0',
      PTS: '0',
    });
    const { rows, problems } = await map(`${HEADER}\n${dnp}\n${zero}\n`);
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.dnp, r.minutes, r.pts, r.comment])).toEqual([
      [true, 0, null, "DNP - Coach's Decision"],
      [true, 0, 0, null],
    ]);
  });

  it('keeps the published COMMENT, trimmed of the padding the main dataset has, on every row', async () => {
    const padded = row({
      COMMENT: 'DND - Injury/Illness                    ',
      MIN: '',
      FGM: '',
      FGA: '',
      FG3M: '',
      FG3A: '',
      FTM: '',
      FTA: '',
      OREB: '',
      DREB: '',
      REB: '',
      AST: '',
      STL: '',
      BLK: '',
      TOV: '',
      PF: '',
      PTS: '',
      PLUS_MINUS: '',
    });
    const { rows } = await map(`${HEADER}\n${padded}\n${row({ PLAYER_ID: '7', COMMENT: "DNP - Coach's Decision" })}\n`);
    expect(rows.map((r) => [r.dnp, r.comment])).toEqual([
      [true, 'DND - Injury/Illness'],
      [false, "DNP - Coach's Decision"],
    ]);
  });

  it('rejects a GAME_DATE outside the season its GAME_ID encodes, and an impossible date, naming row and field', async () => {
    const { rows, problems } = await map(`${HEADER}\n${row({ GAME_DATE: '2021-10-16' })}\n${row({ GAME_DATE: '2019-02-30', PLAYER_ID: '2' })}\n${row({ GAME_DATE: '2019-06-13', PLAYER_ID: '3' })}\n`);
    expect(problems).toEqual([
      'row 2, field GAME_DATE: 2021-10-16 is outside season 2018-19 of GAME_ID 0021800001 (its games are dated 2018-09-01 to 2019-10-31)',
      'row 3, field GAME_DATE: "2019-02-30" is not a date (expected YYYY-MM-DD)',
    ]);
    expect(rows.map((r) => r.row)).toEqual([4]);
  });

  it.each([
    ['a missing player id', { PLAYER_ID: '' }, 'row 2, field PLAYER_ID: is required'],
    ['a non-numeric stat', { PTS: 'seven' }, 'row 2, field PTS: "seven" is not a whole number'],
    ['minutes above 70', { MIN: '75' }, 'row 2, field MIN: 75 is out of range (0 to 70)'],
    ['points above 100', { PTS: '101' }, 'row 2, field PTS: 101 is out of range (0 to 100)'],
    ['FGM > FGA', { FGM: '15', PTS: '33' }, 'row 2, field FGM: 15 made is more than 14 attempted (FGA)'],
    ['FG3M > FG3A', { FGM: '6', FG3M: '5', PTS: '19' }, 'row 2, field FG3M: 5 made is more than 4 attempted (FG3A)'],
    ['FTM > FTA', { FTM: '3', PTS: '8' }, 'row 2, field FTM: 3 made is more than 2 attempted (FTA)'],
    ['REB ≠ OREB + DREB', { REB: '5' }, 'row 2, field REB: 5 is not OREB + DREB (0 + 4 = 4)'],
    ['PTS ≠ 2·FGM + FG3M + FTM', { PTS: '9' }, 'row 2, field PTS: 9 is not 2×FGM + FG3M + FTM (7)'],
    ['an impossible date', { GAME_DATE: '2018-13-01' }, 'row 2, field GAME_DATE: "2018-13-01" is not a date (expected YYYY-MM-DD)'],
    ['a team code that is not TEAM_ID', { TEAM_ABBREVIATION: 'XYZ' }, 'row 2, field TEAM_ABBREVIATION: XYZ does not match TEAM_ID 1610612738 (BOS)'],
    ['an unknown opponent in a regular-season game', { MATCHUP: 'BOS vs. XYZ' }, 'row 2, field MATCHUP: "XYZ" is not an NBA team'],
    ['a MATCHUP of another team', { MATCHUP: 'PHI vs. BOS' }, "row 2, field MATCHUP: PHI vs. BOS does not start with the row's team BOS"],
    ['a malformed MATCHUP', { MATCHUP: 'BOS v PHI' }, 'row 2, field MATCHUP: "BOS v PHI" is not a matchup (expected "LAL vs. BOS" or "LAL @ BOS")'],
    ['a played row without points', { PTS: '' }, 'row 2, field PTS: is required for a player who played'],
    [
      'a game id of another league',
      { GAME_ID: '2021800001' },
      'row 2, field GAME_ID: 2021800001 is not a regular-season, playoff, play-in or preseason game id (digits 1-3 must be 001, 002, 004 or 005)',
    ],
  ])('rejects %s with its row and field', async (_what, changes, message) => {
    const { rows, problems } = await map(`${HEADER}\n${row(changes)}\n`);
    expect(rows).toEqual([]);
    expect(problems).toContain(message);
  });

  it('rejects a DNP flag on a player with minutes, but trusts minutes over a stale DNP comment', async () => {
    const header = `${HEADER},DNP`;
    const flagged = await map(`${header}\n${row()},1\n`);
    expect(flagged.problems).toEqual(['row 2, field DNP: says the player did not play but MIN is 27.23']);
    const stale = await map(`${HEADER}\n${row({ COMMENT: "DNP - Coach's Decision" })}\n`);
    expect(stale.rows[0].dnp).toBe(false);
  });

  it('rejects IS_HOME contradicting MATCHUP', async () => {
    const { problems } = await map(`${HEADER},IS_HOME\n${row()},0\n`);
    expect(problems).toEqual(['row 2, field IS_HOME: says away but MATCHUP BOS vs. PHI says home']);
  });

  it('skips All-Star games and preseason exhibitions against non-NBA clubs', async () => {
    const { rows, problems, skipped } = await map(`${HEADER}\n${row({ GAME_ID: '0031800001' })}\n${row({ GAME_ID: '0011800001', MATCHUP: 'BOS vs. ADL' })}\n`);
    expect(rows).toEqual([]);
    expect(problems).toEqual([]);
    expect(skipped.byReason()).toEqual({ [SKIP_ALL_STAR]: 1, [SKIP_EXHIBITION]: 1 });
  });

  it('derives one GAME_ID per game for game logs without one (date + home team), regular season, both sides alike', async () => {
    const header = 'player,player_id,date,matchup,minutes,fgm,fga,threes_made,threes_attempted,ftm,fta,oreb,dreb,reb,ast,stl,blk,tov,pf,pts,plus_minus,opponent,home_away';
    const lakers = 'LeBron James,2544,2024-12-21,LAL @ SAC,36.0,9,18,2,6,4,5,1,7,8,9,1,0,3,2,24,5,SAC,AWAY';
    const kings = "De'Aaron Fox,1628368,2024-12-21,SAC vs. LAL,38.0,10,21,3,8,5,6,0,4,4,7,2,1,2,3,28,-5,LAL,HOME";
    const { rows, problems } = await map(`${header}\n${lakers}\n${kings}\n`);
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(2);
    expect(rows[0].gameId).toBe(rows[1].gameId);
    expect(rows[0]).toMatchObject({ gameId: '0022464221', season: '2024-25', seasonType: 'REGULAR', teamId: 1610612747, opponentTeamId: 1610612758, isHome: false, fg3m: 2 });
    expect(rows[1]).toMatchObject({ teamId: 1610612758, isHome: true, pts: 28 });
  });

  it('names the row and field when a game log row cannot give a GAME_ID, and the columns when no row can', async () => {
    const header = 'player,player_id,date,team,opponent,home_away,minutes,fgm,fga,fg3m,fg3a,ftm,fta,reb,ast,pts';
    const { rows, problems } = await map(`${header}\nA Player,1,,LAL,SAC,AWAY,30,1,2,0,0,0,0,1,1,2\nB Player,2,2024-12-21,LAL,SAC,,30,1,2,0,0,0,0,1,1,2\n`);
    expect(rows).toEqual([]);
    expect(problems).toEqual([
      'row 2, field date: is required to derive GAME_ID (the file has no GAME_ID column)',
      'row 3, field home_away: is required to derive GAME_ID (the file has no GAME_ID column)',
    ]);
    const { missing } = await map('player,player_id,team,minutes,fgm,fga,fg3m,fg3a,ftm,fta,reb,ast,pts\nA,1,LAL,30,1,2,0,0,0,0,1,1,2\n');
    expect(missing).toContain('GAME_ID (or GAME_DATE with MATCHUP, to derive it)');
  });

  it('names the required columns a file lacks', async () => {
    const { missing } = await map('PLAYER_NAME,MIN\nX,1\n');
    expect(missing).toEqual(['PLAYER_ID', 'GAME_ID (or GAME_DATE with MATCHUP, to derive it)', 'PTS', 'AST', 'FG3M', 'TEAM_ID, TEAM_ABBREVIATION or MATCHUP', 'REB (or OREB and DREB)']);
  });

  it('reads the Propcast JSON schema (camelCase, team codes, isHome)', async () => {
    const json = JSON.stringify({
      rows: [boxScoreJsonRow(2544, { playerName: 'LeBron James', team: 'LAL', opponent: 'DEN', isHome: false, minutes: '29:00' })],
    });
    const { rows, problems } = await map(json, 'b.json');
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({ row: 1, playerId: 2544, teamId: 1610612747, opponentTeamId: 1610612743, isHome: false, minutes: 29, pts: 21 });
  });
});
