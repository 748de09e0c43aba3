import { openTable } from '../input/table';
import { formatProblem, ProblemCollector } from '../validation/problems';
import { SkippedRows } from '../validation/skipped-rows';
import { DATA_NBA_NET_SCHEDULE, ScheduleMapper, type ScheduleRow } from './schedule.format';

async function map(text: string, fileName = 's.csv'): Promise<{ rows: ScheduleRow[]; problems: string[]; skipped: SkippedRows }> {
  const problems = new ProblemCollector();
  const skipped = new SkippedRows();
  const table = await openTable({ bytes: Buffer.from(text), fileName }, { dialects: [DATA_NBA_NET_SCHEDULE] });
  const mapper = new ScheduleMapper(table.columns, problems, skipped);
  const rows: ScheduleRow[] = [];
  await table.forEach((record) => {
    const r = mapper.map(record);
    if (r) rows.push(r);
  });
  return { rows, problems: problems.list().map(formatProblem), skipped };
}

describe('schedule formats', () => {
  it('reads LeagueGameFinder team rows (two per game) with home from "vs."', async () => {
    const csv =
      'SEASON_ID,TEAM_ID,TEAM_ABBREVIATION,TEAM_NAME,GAME_ID,GAME_DATE,MATCHUP,WL\n' +
      '42018,1610612761,TOR,Toronto Raptors,0041800406,2019-06-13,TOR @ GSW,W\n' +
      '42018,1610612744,GSW,Golden State Warriors,0041800406,2019-06-13,GSW vs. TOR,L\n' +
      '32018,1610612777,LBN,Team LeBron,0031800001,2019-02-17,LBN vs. GNS,W\n';
    const { rows, problems, skipped } = await map(csv);
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.row, r.gameId, r.seasonType, r.season, r.homeTeamId, r.awayTeamId])).toEqual([
      [2, '0041800406', 'PLAYOFFS', '2018-19', 1610612744, 1610612761],
      [3, '0041800406', 'PLAYOFFS', '2018-19', 1610612744, 1610612761],
    ]);
    expect(skipped.total).toBe(1);
  });

  it('reads Propcast game rows with a tip-off and rejects bad teams and dates', async () => {
    const csv = 'game_id,game_date,home_team,away_team,tipoff_at\n' + '0022400001,2024-10-22,BOS,NYK,2024-10-22T23:30:00Z\n' + '0022400002,2024-10-22,LAL,LAL,\n' + '0022400003,2024-10-32,XYZ,MIN,\n';
    const { rows, problems } = await map(csv);
    expect(rows).toHaveLength(1);
    expect(rows[0].tipoffAt?.toISOString()).toBe('2024-10-22T23:30:00.000Z');
    expect(problems).toEqual([
      'row 3, field home_team: LAL cannot play itself',
      'row 4, field home_team: "XYZ" is not an NBA team',
      'row 4, field game_date: "2024-10-32" is not a date (expected YYYY-MM-DD)',
    ]);
  });

  it("reads data.nba.net's schedule JSON with UTC tip-off times", async () => {
    const doc = { lscd: [{ mscd: { g: [{ gid: '0022000001', gdte: '2020-12-22', gdtutc: '2020-12-23', utctm: '00:00', h: { tid: 1610612751 }, v: { tid: 1610612744 } }] } }] };
    const { rows, problems } = await map(JSON.stringify(doc), 's.json');
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({ row: 1, gameId: '0022000001', gameDate: '2020-12-22', homeTeamId: 1610612751, awayTeamId: 1610612744 });
    expect(rows[0].tipoffAt?.toISOString()).toBe('2020-12-23T00:00:00.000Z');
  });
});
