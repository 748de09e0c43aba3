import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createHarness, dataFile, type IngestHarness } from '../testing/ingest-harness';

const HEADER = 'player_name,event_id,event_date,home_team,away_team,bookmaker,line,timestamp,over_price,under_price';

/** The real rows of one event of The Odds API PRA near-close export. */
function realEventRows(season: string, eventId: string): string[] {
  const lines = gunzipSync(readFileSync(dataFile(`formats/player_props/the_odds_api_pra_near_close_${season}.csv.gz`)))
    .toString()
    .trim()
    .split('\n');
  return lines.filter((l) => l.split(',')[1] === eventId);
}

describe("The Odds API's PRA near-close lines", () => {
  let h: IngestHarness;
  beforeAll(async () => {
    h = await createHarness();
    const player = (playerId: number, playerName: string, team: string, opponent: string, isHome: boolean) => ({
      playerId,
      playerName,
      gameId: '0022300001',
      gameDate: '2023-10-20',
      team,
      opponent,
      isHome,
      minutes: 30,
      pts: 20,
      reb: 5,
      ast: 5,
      fg3m: 1,
    });
    const rows = [player(201942, 'DeMar DeRozan', 'CHI', 'OKC', true), player(1630581, 'Josh Giddey', 'OKC', 'CHI', false), player(203897, 'Zach LaVine', 'CHI', 'OKC', true)];
    expect((await h.ingest('BOX_SCORES', Buffer.from(JSON.stringify({ rows })), 'earlier.json')).status).toBe('ACCEPTED');
  });
  afterAll(() => h.close());

  it('matches a late tip-off (event_date the next UTC day) to the game stored on its US date', async () => {
    // OKC at CHI on 2023-10-25, 7 pm Central: 2023-10-26 in UTC.
    expect((await h.ingest('SCHEDULE', Buffer.from('game_id,game_date,home_team,away_team\n0022300061,2023-10-25,CHI,OKC\n'), 's.csv')).status).toBe('ACCEPTED');
    const real = realEventRows('2023-24', '3e49df32408f1116cddcb9e621f07b86');
    expect(real.length).toBeGreaterThan(10);
    const report = await h.ingest('PROPS', Buffer.from(`${HEADER}\n${real.join('\n')}\n`), 'the_odds_api_pra_near_close_2023-24.csv', { stat: 'PRA', allowPartial: true });
    expect(report.rows.accepted).toBeGreaterThanOrEqual(3);
    const stored = await h.db.pool.query(`SELECT DISTINCT l.game_id, l.game_date::text AS game_date, l.stat FROM prop_lines l JOIN players p ON p.id = l.player_id WHERE p.name = 'DeMar DeRozan'`);
    expect(stored.rows).toEqual([{ game_id: '0022300061', game_date: '2023-10-25', stat: 'PRA' }]);
    // Every rejection is a player the store lacks, never the game.
    for (const e of report.errors) expect(e).toMatch(/field player: /);
  });

  it('tells two games of the same teams on consecutive days apart by the snapshot’s US day', async () => {
    expect((await h.ingest('SCHEDULE', Buffer.from('game_id,game_date,home_team,away_team\n0022300062,2023-10-26,CHI,OKC\n'), 's2.csv')).status).toBe('ACCEPTED');
    const rows = [
      'Zach LaVine,e1,2023-10-26,Chicago Bulls,Oklahoma City Thunder,FanDuel,34.5,2023-10-25T23:55:43Z,-115.0,-111.0', // the 10-25 game, tipped after midnight UTC
      'Zach LaVine,e2,2023-10-26,Chicago Bulls,Oklahoma City Thunder,FanDuel,31.5,2023-10-26T23:50:00Z,-110.0,-110.0', // the 10-26 game, tipped before midnight UTC
    ];
    const report = await h.ingest('PROPS', Buffer.from(`${HEADER}\n${rows.join('\n')}\n`), 'series.csv', { stat: 'PRA' });
    expect(report.status).toBe('ACCEPTED');
    const stored = await h.db.pool.query(`SELECT l.game_id, l.line FROM prop_lines l JOIN players p ON p.id = l.player_id WHERE p.name = 'Zach LaVine' AND l.book = 'fanduel' ORDER BY l.captured_at`);
    expect(stored.rows).toEqual([
      { game_id: '0022300061', line: 34.5 },
      { game_id: '0022300062', line: 31.5 },
    ]);
  });

  it('names both candidate US dates when no game of the teams is stored', async () => {
    const row = 'Zach LaVine,e3,2023-11-02,Chicago Bulls,Oklahoma City Thunder,FanDuel,30.5,2023-11-01T23:50:00Z,-110.0,-110.0';
    const report = await h.ingest('PROPS', Buffer.from(`${HEADER}\n${row}\n`), 'none.csv', { stat: 'PRA' });
    expect(report.status).toBe('REJECTED');
    expect(report.errors).toEqual(['row 2, field game: no stored game of OKC @ CHI on 2023-11-01 or 2023-11-02 (US dates of a tip-off on 2023-11-02 UTC): import the schedule first']);
  });

  it("keeps a book's alternate lines of one snapshot, marks the one priced closest to even as main, and rejects one line priced twice", async () => {
    const row = (line: number, over: string, under: string) => `DeMar DeRozan,e4,2023-10-26,Chicago Bulls,Oklahoma City Thunder,Bovada,${line},2023-10-25T23:50:00Z,${over},${under}`;
    // Vig-free P(over): 32.5 at -150/+115 → 0.58; 33.5 at -120/-106 → 0.515; 34.5 at +100/-130 → 0.47.
    const report = await h.ingest('PROPS', Buffer.from(`${HEADER}\n${row(32.5, '-150.0', '115.0')}\n${row(33.5, '-120.0', '-106.0')}\n${row(34.5, '100.0', '-130.0')}\n`), 'alternates.csv', {
      stat: 'PRA',
    });
    expect(report).toMatchObject({ status: 'ACCEPTED', rows: { inserted: 3 } });
    const lines = async () => (await h.db.pool.query(`SELECT line, is_main FROM prop_lines WHERE book = 'bovada' AND captured_at = '2023-10-25T23:50:00' ORDER BY line`)).rows;
    expect(await lines()).toEqual([
      { line: 32.5, is_main: false },
      { line: 33.5, is_main: true },
      { line: 34.5, is_main: false },
    ]);

    // A later batch adds an alternate of the same snapshot priced at even: it becomes the main line.
    expect((await h.ingest('PROPS', Buffer.from(`${HEADER}\n${row(33, '-110.0', '-110.0')}\n`), 'alternates-2.csv', { stat: 'PRA' })).status).toBe('ACCEPTED');
    expect((await lines()).filter((l) => l.is_main)).toEqual([{ line: 33, is_main: true }]);

    const twice = await h.ingest('PROPS', Buffer.from(`${HEADER}\n${row(35.5, '-110.0', '-110.0')}\n${row(35.5, '-115.0', '-105.0')}\n`), 'twice.csv', { stat: 'PRA' });
    expect(twice.status).toBe('REJECTED');
    expect(twice.errors.join('\n')).toMatch(/over_price/);
  });

  it("never joins a loose form of a name to a player whose stored games are seasons away from the line's date", async () => {
    // Real 2023-24 row "D. Jones Jr." (Derrick Jones Jr., DAL) when only Dominique Jones (DAL, 2012-13) is stored: his
    // last team is one of the game's, but a game of 2013 says nothing of 2023.
    const dominique = {
      playerId: 202706,
      playerName: 'Dominique Jones',
      gameId: '0021200001',
      gameDate: '2013-01-10',
      team: 'DAL',
      opponent: 'SAS',
      isHome: true,
      minutes: 10,
      pts: 2,
      reb: 1,
      ast: 1,
      fg3m: 0,
    };
    expect((await h.ingest('BOX_SCORES', Buffer.from(JSON.stringify({ rows: [dominique] })), 'dominique.json')).status).toBe('ACCEPTED');
    expect((await h.ingest('SCHEDULE', Buffer.from('game_id,game_date,home_team,away_team\n0022300120,2023-11-01,DAL,CHI\n'), 's3.csv')).status).toBe('ACCEPTED');
    const row = 'D. Jones Jr.,e5,2023-11-02,Dallas Mavericks,Chicago Bulls,Bovada,15.5,2023-11-01T23:55:00Z,-110.0,-110.0';
    const report = await h.ingest('PROPS', Buffer.from(`${HEADER}\n${row}\n`), 'jones.csv', { stat: 'PRA' });
    expect(report.errors).toEqual(['row 2, field player: no stored player is named "D. Jones Jr."']);
  });
});
