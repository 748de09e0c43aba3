import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { normalizePlayerName } from '../formats/player-names';
import { createHarness, csvSlice, dataFile, tarEntry, type IngestHarness } from '../testing/ingest-harness';

const LAL_AT_SAC = '0022400401';

/** The 2024-12-21 Lakers at Kings players of the real 2024-25 game logs, as Propcast JSON box-score rows. */
function lakersKingsBoxScores(): Buffer {
  const [header, ...lines] = gunzipSync(readFileSync(dataFile('formats/player_game_logs_2024-25/combined_2024_25.csv.gz')))
    .toString()
    .trim()
    .split('\n');
  const columns = header.split(',');
  const rows = lines
    .map((l) => Object.fromEntries(l.split(',').map((v, i) => [columns[i], v])))
    .filter((r) => r['date'] === '2024-12-21' && /^(LAL @ SAC|SAC vs\. LAL)$/.test(r['matchup']))
    .map((r) => ({ ...r, game_id: LAL_AT_SAC }));
  return Buffer.from(JSON.stringify(rows));
}

describe('importing schedules', () => {
  let h: IngestHarness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('imports nba_api LeagueGameFinder rows (two per game) as SCHEDULED games', async () => {
    const slice = csvSlice(dataFile('formats/schedules/nba_games_2018_19.csv.gz'), 200, (l) => l.startsWith('2'));
    const report = await h.ingest('SCHEDULE', slice, 'nba_games_2018_19_head.csv');
    expect(report).toMatchObject({ status: 'ACCEPTED', rows: { total: 200 } });
    expect(report.rows.accepted + report.rows.collapsed).toBe(200);
    expect(report.rows.inserted).toBe(report.rows.accepted);
    expect(report.rows.collapsed).toBeGreaterThanOrEqual(99);
    const game = await h.db.pool.query(`SELECT status, season, season_type FROM games WHERE id = (SELECT min(id) FROM games)`);
    expect(game.rows[0]).toEqual({ status: 'SCHEDULED', season: '2018-19', season_type: 'REGULAR' });
  });

  it("imports data.nba.net's schedule JSON with tip-off times", async () => {
    const doc = JSON.parse(gunzipSync(readFileSync(dataFile('formats/schedules/data_nba_net_schedule_2020-21.json.gz'))).toString()) as { lscd: { mscd: { g: unknown[] } }[] };
    const slice = { lscd: [{ mscd: { g: doc.lscd[0].mscd.g.slice(0, 30) } }] };
    const report = await h.ingest('SCHEDULE', Buffer.from(JSON.stringify(slice)), 'schedule.json');
    expect(report).toMatchObject({ status: 'ACCEPTED', format: 'json:data-nba-net-schedule', rows: { total: 30, inserted: 30 } });
    const tipoff = await h.db.pool.query(`SELECT to_char(tipoff_at, 'YYYY-MM-DD HH24:MI') AS t FROM games WHERE id = '0012000001'`);
    expect(tipoff.rows[0].t).toBe('2020-12-12 00:00');
  });

  it('moves a postponed scheduled game, never downgrades a FINAL one, and rejects teams that contradict a stored game', async () => {
    const schedule = (date: string, home = 'BOS', away = 'NYK') => Buffer.from(`game_id,game_date,home_team,away_team\n0022400001,${date},${home},${away}\n0022400002,2024-10-22,LAL,MIN\n`);
    expect((await h.ingest('SCHEDULE', schedule('2024-10-22'), 's1.csv')).rows.inserted).toBe(2);
    const moved = await h.ingest('SCHEDULE', schedule('2024-10-24'), 's2.csv');
    expect(moved).toMatchObject({ status: 'ACCEPTED', rows: { updated: 1, unchanged: 1 }, gameDates: ['2024-10-22', '2024-10-24'] });
    expect((await h.events()).filter((e) => e.batchId === moved.batchId).map((e) => e.gameDate)).toEqual(['2024-10-24']);

    const box = {
      rows: [{ playerId: 1, playerName: 'A Player', gameId: '0022400001', gameDate: '2024-10-24', team: 'BOS', opponent: 'NYK', isHome: true, minutes: 30, pts: 10, reb: 5, ast: 2, fg3m: 0 }],
    };
    expect((await h.ingest('BOX_SCORES', Buffer.from(JSON.stringify(box)), 'box.json')).status).toBe('ACCEPTED');
    const again = await h.ingest('SCHEDULE', schedule('2024-10-30'), 's3.csv');
    expect(again).toMatchObject({ status: 'ACCEPTED', rows: { updated: 0, unchanged: 2 } });
    const game = await h.db.pool.query(`SELECT status, game_date FROM games WHERE id = '0022400001'`);
    expect(game.rows[0]).toEqual({ status: 'FINAL', game_date: '2024-10-24' });

    const swapped = await h.ingest('SCHEDULE', schedule('2024-10-24', 'NYK', 'BOS'), 's4.csv');
    expect(swapped.status).toBe('REJECTED');
    expect(swapped.errors).toEqual(['row 2, field MATCHUP: game 0022400001 is stored as BOS (home) vs NYK; this row makes it NYK vs BOS']);
  });
});

describe('importing prop lines', () => {
  let h: IngestHarness;
  beforeAll(async () => {
    h = await createHarness();
    const schedule = `game_id,game_date,home_team,away_team,tipoff_at\n${LAL_AT_SAC},2024-12-21,Sacramento Kings,Los Angeles Lakers,2024-12-21T23:10:00Z\n0022300010,2023-10-26,MIL,PHI,2023-10-26T23:30:00Z\n`;
    expect((await h.ingest('SCHEDULE', Buffer.from(schedule), 'schedule.csv')).status).toBe('ACCEPTED');
    const box = await h.ingest('BOX_SCORES', lakersKingsBoxScores(), 'lal-sac.json');
    expect(box).toMatchObject({ status: 'ACCEPTED', rows: { inserted: 18 } });
  });
  afterAll(() => h.close());

  const oddsApi = () => tarEntry(dataFile('formats/player_props/the_odds_api_player_threes_2024-25.tar.gz'), 'props_2024-12-21_player_threes.csv');

  it("matches The Odds API's names and teams to stored players and games; rejects a day whose other games are not stored", async () => {
    const rejected = await h.ingest('PROPS', oddsApi(), 'props_2024-12-21_player_threes.csv');
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.errors[0]).toMatch(/^row \d+, field game: no stored game of \w{3} @ \w{3} on 2024-12-21: import the schedule first$/);
    expect((await h.counts()).prop_lines).toBe(0);

    const report = await h.ingest('PROPS', oddsApi(), 'props_2024-12-21_player_threes.csv', { allowPartial: true });
    expect(report).toMatchObject({ status: 'PARTIAL', rows: { total: 563, accepted: 49, inserted: 49, rejected: 514 }, gameDates: ['2024-12-21'] });
    expect(report.flags['assumedCapturedAt']).toEqual({ rows: 49, rule: 'no capture time given: stamped 60 s before tip-off' });
    const fox = await h.db.pool.query(
      `SELECT l.stat, l.line, l.over_price, l.under_price, to_char(l.captured_at, 'YYYY-MM-DD HH24:MI') AS captured FROM prop_lines l JOIN players p ON p.id = l.player_id
       WHERE p.name = $1 AND l.book = 'betonlineag'`,
      ["De'Aaron Fox"],
    );
    expect(fox.rows).toEqual([{ stat: 'THREES', line: 2.5, over_price: 100, under_price: -130, captured: '2024-12-21 23:09' }]);
  });

  it('keeps many snapshots per line, updates a re-sent snapshot, and counts an identical one as unchanged', async () => {
    const snapshot = (at: string, over: number) => `2544,${LAL_AT_SAC},points,24.5,${over},-110,fanduel,${at}`;
    const header = 'player_id,game_id,stat,line,over_price,under_price,book,captured_at';
    const first = await h.ingest('PROPS', Buffer.from(`${header}\n${snapshot('2024-12-21T15:00:00Z', -110)}\n${snapshot('2024-12-21T22:00:00Z', -120)}\n`), 'lebron-1.csv');
    expect(first.rows.inserted).toBe(2);
    const second = await h.ingest('PROPS', Buffer.from(`${header}\n${snapshot('2024-12-21T15:00:00Z', -110)}\n${snapshot('2024-12-21T22:00:00Z', -125)}\n`), 'lebron-2.csv');
    expect(second.rows).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    const closing = await h.db.pool.query(
      `SELECT over_price FROM prop_lines l JOIN games g ON g.id = l.game_id WHERE l.player_id = 2544 AND l.stat = 'POINTS' AND l.captured_at < g.tipoff_at ORDER BY l.captured_at DESC LIMIT 1`,
    );
    expect(closing.rows[0].over_price).toBe(-125);
  });

  it('reads a BetMGM fixture: names matched by normalized name, unknown players rejected with row and field', async () => {
    const fixture = gunzipSync(readFileSync(dataFile('formats/player_props/mgm_14627791.json.gz')));
    const names = new Set<string>();
    for (const m of (JSON.parse(fixture.toString()) as { fixture: { games: { player1?: { value: string } }[] } }).fixture.games) {
      if (m.player1) names.add(m.player1.value.replace(/\s*\(\w+\)$/, ''));
    }
    const rejected = await h.ingest('PROPS', fixture, 'mgm_14627791.json', { capturedAt: new Date('2023-10-26T18:00:00Z') });
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.errors[0]).toMatch(/^row \d+, field player: no stored player is named "/);

    const ids = [...names].map((_, i) => 7_000_000 + i);
    await h.db.pool.query(`INSERT INTO players (id, name, normalized_name, updated_at) SELECT * FROM unnest($1::int[], $2::text[], $3::text[]), (SELECT now()) AS t`, [
      ids,
      [...names],
      [...names].map(normalizePlayerName),
    ]);
    const report = await h.ingest('PROPS', fixture, 'mgm_14627791.json', { capturedAt: new Date('2023-10-26T18:00:00Z') });
    expect(report).toMatchObject({ status: 'ACCEPTED', format: 'json:betmgm-fixture' });
    expect(report.rows.accepted).toBeGreaterThan(40);
    const stats = await h.db.pool.query(`SELECT stat, count(*)::int AS n FROM prop_lines WHERE book = 'betmgm' GROUP BY stat ORDER BY stat`);
    expect(stats.rows.map((r: { stat: string }) => r.stat)).toEqual(['POINTS', 'REBOUNDS', 'ASSISTS', 'THREES', 'PRA']);
  });
});

describe('real 2024-25 game logs (no GAME_ID) with their Odds API lines', () => {
  let h: IngestHarness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  /** Every 2024-12-21 row of the real game logs, as the CSV the source ships (no game id, no schedule). */
  function gameLogsOf(date: string): Buffer {
    const [header, ...lines] = gunzipSync(readFileSync(dataFile('formats/player_game_logs_2024-25/combined_2024_25.csv.gz')))
      .toString()
      .trim()
      .split('\n');
    return Buffer.from(`${header}\n${lines.filter((l) => l.split(',')[2] === date).join('\n')}\n`);
  }

  it('derives one id per game, then matches the lines to those games and takes the feed’s tip-off for them', async () => {
    const logs = await h.ingest('BOX_SCORES', gameLogsOf('2024-12-21'), 'combined_2024_25-2024-12-21.csv');
    expect(logs).toMatchObject({ status: 'ACCEPTED', gameDates: ['2024-12-21'] });
    const games = await h.db.pool.query<{ id: string; home: string; away: string; players: number }>(
      `SELECT g.id, h.abbreviation AS home, a.abbreviation AS away, (SELECT count(*)::int FROM player_game_stats s WHERE s.game_id = g.id) AS players
       FROM games g JOIN teams h ON h.id = g.home_team_id JOIN teams a ON a.id = g.away_team_id ORDER BY g.id`,
    );
    // Each derived game has players of both of its teams and an id of the 2024-25 regular season.
    expect(games.rows.length).toBeGreaterThanOrEqual(10);
    for (const g of games.rows) expect(g.id).toMatch(/^00224\d{5}$/);
    const sides = await h.db.pool.query(`SELECT game_id, count(DISTINCT team_id)::int AS teams FROM player_game_stats GROUP BY game_id HAVING count(DISTINCT team_id) <> 2`);
    expect(sides.rows).toEqual([]);
    expect(games.rows.find((g) => g.home === 'SAC' && g.away === 'LAL')?.players).toBeGreaterThan(10);

    const props = await h.ingest(
      'PROPS',
      tarEntry(dataFile('formats/player_props/the_odds_api_player_threes_2024-25.tar.gz'), 'props_2024-12-21_player_threes.csv'),
      'props_2024-12-21_player_threes.csv',
      {
        allowPartial: true,
      },
    );
    // Only players not stored (only this day is: a player with a line who then sat out, or one the source misses) are rejected, each by name.
    expect(props.status).toMatch(/^(ACCEPTED|PARTIAL)$/);
    expect(props.rows.accepted / props.rows.total).toBeGreaterThan(0.85);
    for (const e of props.errors) expect(e).toMatch(/^row \d+, field player: no stored player is named "/);
    expect(props.flags['tipoffsSet']).toBe(games.rows.length);
    const lal = await h.db.pool.query(
      `SELECT to_char(g.tipoff_at, 'YYYY-MM-DD HH24:MI') AS tipoff, count(l.*)::int AS lines, bool_and(l.captured_at < g.tipoff_at) AS before
       FROM games g JOIN teams h ON h.id = g.home_team_id JOIN prop_lines l ON l.game_id = g.id WHERE h.abbreviation = 'SAC' AND g.game_date = '2024-12-21' GROUP BY g.tipoff_at`,
    );
    expect(lal.rows).toEqual([{ tipoff: '2024-12-21 23:10', lines: expect.any(Number), before: true }]);
    expect(lal.rows[0].lines).toBeGreaterThan(40);

    // A second import keeps the first tip-off and changes nothing.
    const again = await h.ingest('PROPS', tarEntry(dataFile('formats/player_props/the_odds_api_player_threes_2024-25.tar.gz'), 'props_2024-12-21_player_threes.csv'), 'again.csv', {
      allowPartial: true,
    });
    expect(again.rows).toMatchObject({ inserted: 0, updated: 0 });
    expect(again.flags['tipoffsSet']).toBeUndefined();
  });
});

describe('namesakes in name-only line feeds', () => {
  let h: IngestHarness;
  beforeAll(async () => {
    h = await createHarness();
    const row = (playerId: number, gameId: string, gameDate: string, team: string, opponent: string, isHome: boolean) => ({
      playerId,
      playerName: 'Sam Namesake',
      gameId,
      gameDate,
      team,
      opponent,
      isHome,
      minutes: 30,
      pts: 10,
      reb: 5,
      ast: 2,
      fg3m: 1,
    });
    // 101 played for BOS, then was traded to NYK; 202 plays for LAL.
    const rows = [
      row(101, '0022400010', '2024-11-01', 'BOS', 'MIA', true),
      row(101, '0022400700', '2025-02-10', 'NYK', 'MIA', true),
      row(202, '0022400011', '2024-11-01', 'LAL', 'PHX', true),
      row(202, '0022400701', '2025-02-10', 'LAL', 'PHX', true),
    ];
    expect((await h.ingest('BOX_SCORES', Buffer.from(JSON.stringify({ rows })), 'namesakes.json')).status).toBe('ACCEPTED');
    const schedule = `game_id,game_date,home_team,away_team\n0022400020,2024-11-05,MIA,BOS\n0022400021,2024-11-05,PHX,LAL\n0022400720,2025-02-15,MIA,NYK\n0022400721,2025-02-15,LAL,BOS\n`;
    expect((await h.ingest('SCHEDULE', Buffer.from(schedule), 'schedule.csv')).status).toBe('ACCEPTED');
  });
  afterAll(() => h.close());

  it('tells them apart by the team each played for on the game’s date, and asks for player_id when both teams play', async () => {
    const header = 'player,game,game_time,market,line,bookmaker,under_odds,over_odds';
    const lines = [
      'Sam Namesake,Boston Celtics @ Miami Heat,2024-11-06T00:30:00Z,player_threes,1.5,fanduel,-110,-110', // 101 (BOS then, NYK now)
      'Sam Namesake,Los Angeles Lakers @ Phoenix Suns,2024-11-06T03:00:00Z,player_threes,1.5,fanduel,-110,-110', // 202
      'Sam Namesake,New York Knicks @ Miami Heat,2025-02-16T00:30:00Z,player_threes,1.5,fanduel,-110,-110', // 101
      'Sam Namesake,Boston Celtics @ Los Angeles Lakers,2025-02-16T03:30:00Z,player_threes,1.5,fanduel,-110,-110', // 202 only: 101 left BOS
    ];
    const report = await h.ingest('PROPS', Buffer.from(`${header}\n${lines.join('\n')}\n`), 'namesakes.csv');
    expect(report).toMatchObject({ status: 'ACCEPTED', rows: { inserted: 4 } });
    const stored = await h.db.pool.query(`SELECT game_id, player_id FROM prop_lines ORDER BY game_id`);
    expect(stored.rows).toEqual([
      { game_id: '0022400020', player_id: 101 },
      { game_id: '0022400021', player_id: 202 },
      { game_id: '0022400720', player_id: 101 },
      { game_id: '0022400721', player_id: 202 },
    ]);

    const both = await h.ingest(
      'PROPS',
      Buffer.from(`game_id,player,stat,line,over_price,under_price,book,captured_at\n0022400721,Sam Namesake,points,9.5,-110,-110,fanduel,2025-02-15T20:00:00Z\n`),
      'both.csv',
    );
    expect(both.status).toBe('ACCEPTED');
    await h.db.pool.query(`UPDATE games SET away_team_id = (SELECT id FROM teams WHERE abbreviation = 'NYK') WHERE id = '0022400721'`);
    const ambiguous = await h.ingest(
      'PROPS',
      Buffer.from(`game_id,player,stat,line,over_price,under_price,book,captured_at\n0022400721,Sam Namesake,points,9.5,-110,-110,fanduel,2025-02-15T21:00:00Z\n`),
      'ambiguous.csv',
    );
    expect(ambiguous.status).toBe('REJECTED');
    expect(ambiguous.errors).toEqual(['row 2, field player: "Sam Namesake" matches 2 players (Sam Namesake (101), Sam Namesake (202)) by name; give player_id or add an alias']);
    const reasons = await h.db.pool.query(`SELECT DISTINCT match_reason, feed_player_name FROM prop_lines`);
    expect(reasons.rows).toEqual([{ match_reason: 'name+team', feed_player_name: 'Sam Namesake' }]);
  });
});
