import { openTable } from '../input/table';
import { formatProblem, ProblemCollector } from '../validation/problems';
import { SkippedRows } from '../validation/skipped-rows';
import { BETMGM_FIXTURE, easternDate, PropMapper, statOfMarket, type PropRow, type PropStat } from './props.format';

async function map(text: string, fileName = 'p.csv', stat?: PropStat): Promise<{ rows: PropRow[]; problems: string[]; skipped: SkippedRows }> {
  const problems = new ProblemCollector();
  const skipped = new SkippedRows();
  const table = await openTable({ bytes: Buffer.from(text), fileName }, { dialects: [BETMGM_FIXTURE] });
  const mapper = new PropMapper(table.columns, problems, skipped, stat);
  const rows: PropRow[] = [];
  await table.forEach((record) => {
    const r = mapper.map(record);
    if (r) rows.push(r);
  });
  return { rows, problems: problems.list().map(formatProblem), skipped };
}

describe('prop formats', () => {
  it.each([
    ['player_threes', 'THREES'],
    ['player_points', 'POINTS'],
    ['Rebounds', 'REBOUNDS'],
    ['assists', 'ASSISTS'],
    ['PRA', 'PRA'],
    ['Total points, rebounds and assists', 'PRA'],
    ['three-pointers', 'THREES'],
    ['player_points_alternate', undefined],
    ['Total points and rebounds', undefined],
    ['Blocks', undefined],
    ['double-double', undefined],
  ])('market %s is %s', (market, stat) => {
    expect(statOfMarket(market)).toBe(stat);
  });

  it('dates games by US Eastern time: a 7:30 pm Pacific tip-off is the next UTC day', () => {
    expect(easternDate(new Date('2024-12-22T03:30:00Z'))).toBe('2024-12-21');
  });

  it('reads The Odds API rows: name-only player, "Away @ Home" by full names, game time, bookmaker', async () => {
    const csv =
      'player,game,game_time,market,line,bookmaker,under_odds,over_odds\n' + "De'Aaron Fox,Los Angeles Lakers @ Sacramento Kings,2024-12-21T23:10:00Z,player_threes,2.5,betonlineag,-130,100\n";
    const { rows, problems } = await map(csv);
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({
      row: 2,
      playerId: null,
      playerName: "De'Aaron Fox",
      gameDate: '2024-12-21',
      homeTeamId: 1610612758,
      awayTeamId: 1610612747,
      stat: 'THREES',
      line: 2.5,
      overPrice: 100,
      underPrice: -130,
      book: 'betonlineag',
      capturedAt: null,
    });
  });

  it("reads The Odds API PRA near-close rows: the batch's stat, the UTC event_date kept apart from the US game day, prices with decimals", async () => {
    const csv =
      'player_name,event_id,event_date,home_team,away_team,bookmaker,line,timestamp,over_price,under_price\n' +
      'DeMar DeRozan,3e49df32408f1116cddcb9e621f07b86,2023-10-26,Chicago Bulls,Oklahoma City Thunder,FanDuel,33.5,2023-10-25T23:55:43Z,-120.0,-106.0\n';
    const { rows, problems } = await map(csv, 'pra.csv', 'PRA');
    expect(problems).toEqual([]);
    // A 7 pm Central tip-off on Oct 25 is Oct 26 in UTC: the game day is left to the games stored on either date.
    expect(rows[0]).toMatchObject({
      playerName: 'DeMar DeRozan',
      gameDate: null,
      tipoffUtcDate: '2023-10-26',
      homeTeamId: 1610612741,
      awayTeamId: 1610612760,
      stat: 'PRA',
      line: 33.5,
      overPrice: -120,
      underPrice: -106,
      book: 'fanduel',
    });
    expect(rows[0].capturedAt?.toISOString()).toBe('2023-10-25T23:55:43.000Z');

    const columns = csv.split('\n')[0].split(',');
    expect(new PropMapper(columns, new ProblemCollector(), new SkippedRows()).missingColumns()).toEqual(['stat (or the batch option stat: --stat / ?stat= for a one-market feed)']);
    expect(new PropMapper(columns, new ProblemCollector(), new SkippedRows(), 'PRA').missingColumns()).toEqual([]);
  });

  it('reads Propcast rows and rejects bad lines and odds with row and field', async () => {
    const csv =
      'player_id,game_id,stat,line,over_price,under_price,book,captured_at\n' +
      '2544,0022300001,points,25.5,-115,-105,draftkings,2023-10-24T20:00:00Z\n' +
      '2544,0022300001,points,-3,-115,-105,draftkings,2023-10-24T20:00:00Z\n' +
      '2544,0022300001,points,25.5,-50,-105,draftkings,2023-10-24T20:00:00Z\n' +
      '2544,0022300001,steals,1.5,-115,-105,draftkings,2023-10-24T20:00:00Z\n';
    const { rows, problems, skipped } = await map(csv);
    expect(rows).toHaveLength(1);
    expect(rows[0].capturedAt?.toISOString()).toBe('2023-10-24T20:00:00.000Z');
    expect(problems).toEqual(['row 3, field line: -3 is out of range (above 0, at most 150)', 'row 4, field over_price: -50 is not valid American odds (must be ≤ -100 or ≥ +100)']);
    expect(skipped.byReason()).toEqual({ 'market not predicted by Propcast: steals': 1 });
  });

  it('flattens a BetMGM fixture into the player over/under markets Propcast predicts', async () => {
    const fixture = {
      fixture: {
        name: { value: 'Philadelphia 76ers at Milwaukee Bucks' },
        startDate: '2023-10-26T23:30:00Z',
        games: [
          { name: { value: 'Money Line' }, results: [] },
          {
            name: { value: 'Damian Lillard (MIL): Points' },
            player1: { value: 'Damian Lillard (Mil)' },
            results: [
              { attr: '26.5', totalsPrefix: 'Over', americanOdds: -110 },
              { attr: '26.5', totalsPrefix: 'Under', americanOdds: -120 },
            ],
          },
          {
            name: { value: 'How many total points, rebounds and assists will Joel Embiid (Phi) record?' },
            player1: { value: 'Joel Embiid (Phi)' },
            results: [
              { attr: '44.5', totalsPrefix: 'Over', americanOdds: -115 },
              { attr: '44.5', totalsPrefix: 'Under', americanOdds: -115 },
            ],
          },
          { name: { value: 'How many steals will Joel Embiid (Phi) record?' }, player1: { value: 'Joel Embiid (Phi)' }, results: [{ attr: '1.5', totalsPrefix: 'Over', americanOdds: 150 }] },
        ],
      },
    };
    const { rows, skipped } = await map(JSON.stringify(fixture), 'mgm.json');
    expect(rows.map((r) => [r.row, r.playerName, r.stat, r.line, r.overPrice, r.underPrice, r.book, r.homeTeamId, r.awayTeamId])).toEqual([
      [2, 'Damian Lillard', 'POINTS', 26.5, -110, -120, 'betmgm', 1610612749, 1610612755],
      [3, 'Joel Embiid', 'PRA', 44.5, -115, -115, 'betmgm', 1610612749, 1610612755],
    ]);
    expect(skipped.total).toBe(1);
  });
});
