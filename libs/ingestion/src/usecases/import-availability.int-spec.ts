import { createHarness, type IngestHarness } from '../testing/ingest-harness';

const LAL_AT_SAC = '0022400401';
const BOS_AT_CHI = '0022400402';
const REPORT_AT = new Date('2024-12-21T22:30:00Z');

/** The official injury report as it is usually parsed to CSV. */
const officialReport = (rows: string[]) => Buffer.from(['Game Date,Game Time,Matchup,Team,Player Name,Current Status,Reason', ...rows].join('\n') + '\n');

describe('importing availability reports', () => {
  let h: IngestHarness;
  const count = async () => (await h.db.pool.query(`SELECT count(*)::int AS n FROM availability_reports WHERE source = 'REPORT'`)).rows[0].n as number;

  beforeAll(async () => {
    h = await createHarness();
    const schedule = `game_id,game_date,home_team,away_team,tipoff_at\n` + `${LAL_AT_SAC},2024-12-21,SAC,LAL,2024-12-22T03:00:00Z\n` + `${BOS_AT_CHI},2024-12-21,CHI,BOS,2024-12-22T01:00:00Z\n`;
    expect((await h.ingest('SCHEDULE', Buffer.from(schedule), 'schedule.csv')).status).toBe('ACCEPTED');
    const box = (id: number, name: string, team: string, opp: string, game: string, home: boolean) => ({
      playerId: id,
      playerName: name,
      gameId: game,
      gameDate: '2024-12-14',
      team,
      opponent: opp,
      isHome: home,
      minutes: 30,
      pts: 10,
      reb: 5,
      ast: 2,
      fg3m: 1,
    });
    const history = {
      rows: [
        box(2544, 'LeBron James', 'LAL', 'SAC', '0022400301', false),
        box(1628368, "De'Aaron Fox", 'SAC', 'LAL', '0022400301', true),
        box(1628369, 'Jayson Tatum', 'BOS', 'CHI', '0022400302', false),
      ],
    };
    expect((await h.ingest('BOX_SCORES', Buffer.from(JSON.stringify(history)), 'history.json', { allowPartial: true })).rows.rejected).toBe(0);
  });
  afterAll(() => h.close());

  it('stores the official report (names "Last, First", matchup AWAY@HOME) as REPORT rows at the batch report time, and a re-import is a duplicate', async () => {
    const file = officialReport([
      '12/21/2024,10:00 (ET),LAL@SAC,LAL,"James, LeBron",Out,Injury/Illness - Left Foot; Soreness',
      '12/21/2024,10:00 (ET),LAL@SAC,SAC,"Fox, De\'Aaron",Questionable,Injury/Illness - Right Ankle; Sprain',
      '12/21/2024,08:00 (ET),BOS@CHI,BOS,"Tatum, Jayson",Probable,Rest',
    ]);
    const report = await h.ingest('AVAILABILITY', file, 'injury-report-2024-12-21.csv', { reportedAt: REPORT_AT });
    expect(report).toMatchObject({ status: 'ACCEPTED', rows: { inserted: 3 }, gameDates: ['2024-12-21'] });
    const stored = await h.db.pool.query(
      `SELECT player_id, team_id, game_id, status::text, reason, source::text, to_char(reported_at, 'YYYY-MM-DD"T"HH24:MI') AS at FROM availability_reports WHERE source = 'REPORT' ORDER BY player_id`,
    );
    expect(stored.rows).toEqual([
      { player_id: 2544, team_id: 1610612747, game_id: LAL_AT_SAC, status: 'OUT', reason: 'Injury/Illness - Left Foot; Soreness', source: 'REPORT', at: '2024-12-21T22:30' },
      { player_id: 1628368, team_id: 1610612758, game_id: LAL_AT_SAC, status: 'QUESTIONABLE', reason: 'Injury/Illness - Right Ankle; Sprain', source: 'REPORT', at: '2024-12-21T22:30' },
      { player_id: 1628369, team_id: 1610612738, game_id: BOS_AT_CHI, status: 'PROBABLE', reason: 'Rest', source: 'REPORT', at: '2024-12-21T22:30' },
    ]);
    expect((await h.events()).filter((e) => e.kind === 'AVAILABILITY').map((e) => e.gameDate)).toEqual(['2024-12-21']);
    expect((await h.ingest('AVAILABILITY', file, 'again.csv', { reportedAt: REPORT_AT })).status).toBe('DUPLICATE');
    // A later report of the same game changes a status: a new row (the history of reports is kept), earlier ones stay.
    const later = officialReport(['12/21/2024,10:00 (ET),LAL@SAC,SAC,"Fox, De\'Aaron",Available,']);
    expect(await h.ingest('AVAILABILITY', later, 'later.csv', { reportedAt: new Date('2024-12-22T01:30:00Z') })).toMatchObject({ status: 'ACCEPTED', rows: { inserted: 1 } });
    expect(await count()).toBe(4);
  });

  it('rejects an unknown player, team or game, a status outside the list and a report after tip-off, naming row and field; nothing is written', async () => {
    const before = await count();
    const bad = await h.ingest(
      'AVAILABILITY',
      officialReport([
        '12/21/2024,10:00 (ET),LAL@SAC,LAL,"Nobody, Someone",Out,',
        '12/21/2024,10:00 (ET),LAL@SAC,XYZ,"James, LeBron",Out,',
        '12/21/2024,10:00 (ET),LAL@SAC,LAL,"James, LeBron",Maybe,',
        '12/22/2024,10:00 (ET),LAL@SAC,LAL,"James, LeBron",Out,',
        '12/21/2024,10:00 (ET),BOS@CHI,LAL,"James, LeBron",Out,',
      ]),
      'bad.csv',
      { reportedAt: REPORT_AT },
    );
    expect(bad.status).toBe('REJECTED');
    // Field names as the file writes them where the row is read, canonical ones where it is matched to the database.
    const errors = (bad.errors ?? []).join('\n');
    expect(errors).toMatch(/row 2, field player_name: /);
    expect(errors).toMatch(/row 3, field Team: "XYZ" is not an NBA team/);
    expect(errors).toMatch(/row 4, field Current Status: "Maybe" is not one of OUT, DOUBTFUL, QUESTIONABLE, PROBABLE, AVAILABLE/);
    expect(errors).toMatch(/row 5, field matchup: no stored game of LAL @ SAC on 2024-12-22/);
    expect(errors).toMatch(/row 6, field team: LAL does not play game 0022400402/);
    const late = await h.ingest('AVAILABILITY', officialReport(['12/21/2024,10:00 (ET),LAL@SAC,LAL,"James, LeBron",Out,']), 'late.csv', { reportedAt: new Date('2024-12-22T03:30:00Z') });
    expect(late.errors).toEqual(['row 2, field reported_at: 2024-12-22T03:30:00.000Z is not before the game (tip-off 2024-12-22T03:00:00.000Z): a report must be made before the game']);
    const untimed = await h.ingest('AVAILABILITY', officialReport(['12/21/2024,10:00 (ET),LAL@SAC,LAL,"James, LeBron",Out,']), 'untimed.csv');
    expect(untimed.errors?.[0]).toMatch(/^row 2, field reported_at: is required/);
    expect(await count()).toBe(before);
  });
});
