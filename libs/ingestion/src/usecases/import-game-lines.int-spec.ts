import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createHarness, dataFile, type IngestHarness } from '../testing/ingest-harness';

const LAL_AT_SAC = '0022400401';
const BOS_AT_CHI = '0022400402';

/** The closing-lines file's rows of one date (header kept), as the shared data gives them. */
function closingLinesOf(date: string): Buffer {
  const [header, ...lines] = gunzipSync(readFileSync(dataFile('formats/game_lines/game_lines_2007-08_to_2024-25_without_2021-23.csv.gz')))
    .toString()
    .trim()
    .split('\n');
  return Buffer.from([header, ...lines.filter((l) => l.split(',')[1] === date)].join('\n') + '\n');
}

describe('importing game lines', () => {
  let h: IngestHarness;
  beforeAll(async () => {
    h = await createHarness();
    const schedule = `game_id,game_date,home_team,away_team,tipoff_at\n` + `${LAL_AT_SAC},2024-12-21,SAC,LAL,2024-12-22T03:00:00Z\n` + `${BOS_AT_CHI},2024-12-21,CHI,BOS,2024-12-22T01:00:00Z\n`;
    expect((await h.ingest('SCHEDULE', Buffer.from(schedule), 'schedule.csv')).status).toBe('ACCEPTED');
  });
  afterAll(() => h.close());

  it("signs the real closing file's unsigned spread by whos_favored, stamps a closing line one minute before tip-off, and names the unmatched games", async () => {
    const file = closingLinesOf('2024-12-21');
    const strict = await h.ingest('GAME_LINES', file, 'closing-2024-12-21.csv');
    expect(strict.status).toBe('REJECTED');
    expect(await h.db.pool.query('SELECT count(*)::int AS n FROM game_lines')).toMatchObject({ rows: [{ n: 0 }] });

    const partial = await h.ingest('GAME_LINES', file, 'closing-2024-12-21.csv', { allowPartial: true });
    expect(partial).toMatchObject({ status: 'PARTIAL', rows: { inserted: 2 }, gameDates: ['2024-12-21'] });
    const stored = await h.db.pool.query(`SELECT game_id, book, home_spread, total, to_char(captured_at, 'YYYY-MM-DD"T"HH24:MI') AS captured FROM game_lines ORDER BY game_id`);
    // lal @ sac: home favoured by 3.5; bos @ chi: away favoured by 12.5 (so the home team gets +12.5)
    expect(stored.rows).toEqual([
      { game_id: LAL_AT_SAC, book: 'CLOSING', home_spread: -3.5, total: 228.5, captured: '2024-12-22T02:59' },
      { game_id: BOS_AT_CHI, book: 'CLOSING', home_spread: 12.5, total: 239.5, captured: '2024-12-22T00:59' },
    ]);
    expect(partial.flags).toMatchObject({ assumedCapturedAt: { rows: 2 } });
  });

  it('names the row and field of a bad line and leaves the table as it was; a changed snapshot updates, an identical one is unchanged', async () => {
    const before = (await h.db.pool.query('SELECT count(*)::int AS n FROM game_lines')).rows[0].n as number;
    const bad = await h.ingest(
      'GAME_LINES',
      Buffer.from(`game_id,book,home_spread,total,captured_at\n${LAL_AT_SAC},fanduel,-4,229,2024-12-21T20:00:00Z\n${BOS_AT_CHI},fanduel,-55,240,2024-12-21T20:00:00Z\n`),
      'bad.csv',
    );
    expect(bad.status).toBe('REJECTED');
    expect(bad.errors?.join('\n')).toMatch(/row 3, field home_spread: -55 is out of range/);
    expect((await h.db.pool.query('SELECT count(*)::int AS n FROM game_lines')).rows[0].n).toBe(before);

    const snap = (total: number) => Buffer.from(`game_id,book,home_spread,total,home_moneyline,away_moneyline,captured_at\n${LAL_AT_SAC},fanduel,-4,${total},-170,145,2024-12-21T20:00:00Z\n`);
    expect(await h.ingest('GAME_LINES', snap(229), 's1.csv')).toMatchObject({ status: 'ACCEPTED', rows: { inserted: 1 } });
    expect(await h.ingest('GAME_LINES', snap(230), 's2.csv')).toMatchObject({ status: 'ACCEPTED', rows: { updated: 1 } });
    expect(await h.ingest('GAME_LINES', Buffer.from(snap(230).toString().replace('\n', '\r\n')), 's3.csv')).toMatchObject({ rows: { unchanged: 1 } });
    const events = (await h.events()).filter((e) => e.kind === 'GAME_LINES');
    expect(events.length).toBeGreaterThanOrEqual(3);
  });
});
