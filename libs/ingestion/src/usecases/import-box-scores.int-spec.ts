import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { boxScoreJsonRow } from '../testing/box-score-rows';
import { createHarness, csvSlice, dataFile, gz, type IngestHarness } from '../testing/ingest-harness';

const MAIN = dataFile('boxscores/player_boxscores_2012-13_to_2020-21.csv.gz');
const HEADER = 'SEASON,GAME_ID,GAME_DATE,TEAM_ID,TEAM_ABBREVIATION,MATCHUP,PLAYER_ID,PLAYER_NAME,START_POSITION,MIN,FGM,FGA,FG3M,FG3A,FTM,FTA,OREB,DREB,REB,AST,STL,BLK,TOV,PF,PTS,PLUS_MINUS';

/** A valid box-score line of player `playerId` in a BOS-PHI game numbered `n` (one per day from 2018-10-16). */
function line(n: number, playerId: number, pts = 10, extra: Partial<Record<'min' | 'fgm' | 'fga' | 'ftm' | 'fta', number>> = {}): string {
  const date = new Date(Date.UTC(2018, 9, 16 + n)).toISOString().slice(0, 10);
  const fgm = extra.fgm ?? Math.floor(pts / 2);
  const ftm = extra.ftm ?? pts - 2 * fgm;
  return `2018-19,002180${String(n).padStart(4, '0')},${date},1610612738,BOS,BOS vs. PHI,${playerId},Player ${playerId},,${extra.min ?? 30},${fgm},${extra.fga ?? fgm + 5},0,1,${ftm},${extra.fta ?? ftm + 1},1,4,5,3,1,0,2,2,${pts},4`;
}

function csv(...lines: string[]): Buffer {
  return Buffer.from(`${HEADER}\n${lines.join('\n')}\n`);
}

describe('importing box scores', () => {
  let h: IngestHarness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('imports a slice of the main dataset: players, FINAL games with home/away from MATCHUP and season type from GAME_ID, raw archive, audit row', async () => {
    const slice = gz(csvSlice(MAIN, 600, (l) => !l.includes(',Preseason,')));
    const report = await h.ingest('BOX_SCORES', slice, 'player_boxscores_head.csv.gz');
    expect(report).toMatchObject({ status: 'ACCEPTED', format: 'csv.gz', rows: { total: 600, accepted: 600, inserted: 600, rejected: 0 } });
    const game = await h.db.pool.query(
      `SELECT g.*, h.abbreviation AS home, a.abbreviation AS away FROM games g JOIN teams h ON h.id = g.home_team_id JOIN teams a ON a.id = g.away_team_id WHERE g.id = '0021700323'`,
    );
    expect(game.rows[0]).toMatchObject({ home: 'MEM', away: 'SAS', status: 'FINAL', season: '2017-18', season_type: 'REGULAR', game_date: '2017-12-01' });
    const dnp = await h.db.pool.query(`SELECT count(*)::int AS n FROM player_game_stats WHERE dnp AND minutes = 0`);
    expect(dnp.rows[0].n).toBeGreaterThan(0);
    const batch = await h.db.pool.query(`SELECT * FROM ingest_batches WHERE id = $1`, [report.batchId]);
    expect(batch.rows[0]).toMatchObject({ status: 'ACCEPTED', kind: 'BOX_SCORES', rows_total: 600, rows_inserted: 600, sha256: report.sha256, artifact_uri: report.artifactUri });
    // Stamped by the database clock after the commit, before the events went out.
    expect(batch.rows[0].committed_at.getTime()).toBeGreaterThanOrEqual(batch.rows[0].finished_at.getTime() - 1000);
    expect(report.artifactUri).toMatch(new RegExp(`/raw/box-scores/\\d{4}-\\d{2}-\\d{2}/${report.batchId}\\.csv\\.gz$`));
    expect(await h.artifacts.get(report.artifactUri as string)).toEqual(slice);
    expect((await h.counts()).teams).toBe(30);
  });

  it('imports nba_api PlayerGameLogs rows, restoring the leading zeros of integer GAME_IDs', async () => {
    const slice = csvSlice(dataFile('formats/nba_api_player_game_logs/nba_gamelogs_2018-19.csv.gz'), 300);
    const report = await h.ingest('BOX_SCORES', slice, 'nba_gamelogs_head.csv');
    expect(report).toMatchObject({ status: 'ACCEPTED', rows: { total: 300, inserted: 300 } });
    const ids = await h.db.pool.query(`SELECT DISTINCT game_id FROM player_game_stats WHERE batch_id = $1`, [report.batchId]);
    expect(ids.rows.every((r: { game_id: string }) => /^00218\d{5}$/.test(r.game_id))).toBe(true);
  });

  it('rejects a BoxScoreTraditionalV2 game before its schedule is known, then imports it with date and sides from the schedule', async () => {
    const game = readFileSync(dataFile('formats/nba_api_boxscore_traditional_v2/0021800001.csv'));
    const before = await h.counts();
    const rejected = await h.ingest('BOX_SCORES', game, '0021800001.csv');
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.errors[0]).toBe('row 2, field GAME_DATE: game 0021800001 is not in this batch with a date and MATCHUP, nor stored: import its schedule first');
    expect({ ...(await h.counts()), ingest_batches: 0 }).toEqual({ ...before, ingest_batches: 0 });

    const schedule = csvSlice(dataFile('formats/schedules/nba_games_2018_19.csv.gz'), 2, (l) => l.includes(',0021800001,'));
    expect((await h.ingest('SCHEDULE', schedule, 'nba_games_2018_19_head.csv')).status).toBe('ACCEPTED');
    const report = await h.ingest('BOX_SCORES', game, '0021800001.csv');
    expect(report).toMatchObject({ status: 'ACCEPTED', rows: { total: 26, inserted: 26 }, gameDates: ['2018-10-16'] });
    const embiid = await h.db.pool.query(`SELECT * FROM player_game_stats WHERE player_id = 203954 AND game_id = '0021800001'`);
    expect(embiid.rows[0]).toMatchObject({ is_home: false, team_id: 1610612755, opponent_team_id: 1610612738, pts: 23, reb: 10, started: true, dnp: false });
    const dnp = await h.db.pool.query(`SELECT dnp, minutes, pts FROM player_game_stats WHERE player_id = 1627743 AND game_id = '0021800001'`);
    expect(dnp.rows[0]).toEqual({ dnp: true, minutes: 0, pts: null });
    const status = await h.db.pool.query(`SELECT status FROM games WHERE id = '0021800001'`);
    expect(status.rows[0].status).toBe('FINAL');
  });

  it('imports the Propcast JSON body, NDJSON and nba_api resultSets JSON', async () => {
    const row = boxScoreJsonRow(9000001, { playerName: 'Json Player' });

    const json = await h.ingest('BOX_SCORES', Buffer.from(JSON.stringify({ rows: [row] })), 'rows.json');
    expect(json).toMatchObject({ status: 'ACCEPTED', format: 'json', rows: { inserted: 1 } });
    const ndjson = await h.ingest('BOX_SCORES', Buffer.from(`${JSON.stringify({ ...row, playerId: 9000002 })}\n${JSON.stringify({ ...row, playerId: 9000003 })}\n`), 'rows.ndjson');
    expect(ndjson).toMatchObject({ status: 'ACCEPTED', format: 'ndjson', rows: { inserted: 2 } });
    const resultSets = {
      resultSets: [
        { name: 'TeamStats', headers: ['GAME_ID', 'TEAM_ID'], rowSet: [['0022300001', 1610612743]] },
        {
          name: 'PlayerStats',
          headers: ['GAME_ID', 'GAME_DATE', 'TEAM_ID', 'MATCHUP', 'PLAYER_ID', 'PLAYER_NAME', 'MIN', 'FG3M', 'REB', 'AST', 'PTS'],
          rowSet: [['0022300001', '2023-10-24', 1610612743, 'DEN vs. LAL', 9000004, 'Result Set', 30, 2, 4, 3, 12]],
        },
      ],
    };
    const nba = await h.ingest('BOX_SCORES', Buffer.from(JSON.stringify(resultSets)), 'playergamelogs.json');
    expect(nba).toMatchObject({ status: 'ACCEPTED', format: 'json:nba-resultsets', rows: { inserted: 1 } });
  });
});

describe('re-imports, corrections and events', () => {
  let h: IngestHarness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('imports twice the same file: the second is a DUPLICATE no-op naming the first batch', async () => {
    const file = csv(line(1, 1), line(1, 2), line(2, 1));
    const first = await h.ingest('BOX_SCORES', file, 'a.csv');
    expect(first.status).toBe('ACCEPTED');
    const before = await h.counts();
    const again = await h.ingest('BOX_SCORES', file, 'a-again.csv');
    expect(again).toMatchObject({ status: 'DUPLICATE', duplicateOf: first.batchId, message: `already imported as batch ${first.batchId}; nothing written`, artifactUri: first.artifactUri });
    expect(await h.counts()).toEqual({ ...before, ingest_batches: before.ingest_batches + 1 });
  });

  it('counts re-imported identical rows from another file as unchanged and writes nothing for them', async () => {
    const report = await h.ingest('BOX_SCORES', csv(line(2, 1), line(1, 2), line(1, 1)), 'a-reordered.csv');
    expect(report).toMatchObject({ status: 'ACCEPTED', rows: { accepted: 3, inserted: 0, updated: 0, unchanged: 3 }, events: { published: 0 } });
    expect(report.message).toBe('imported 3 rows: all unchanged, nothing written');
  });

  it('applies a corrected stat to that one row (revision 2) and keeps the audit: stat_corrections and both raw versions', async () => {
    const report = await h.ingest('BOX_SCORES', csv(line(1, 1, 12), line(1, 2), line(2, 1)), 'a-corrected.csv');
    expect(report).toMatchObject({ status: 'ACCEPTED', rows: { inserted: 0, updated: 1, unchanged: 2 }, flags: { corrections: 1 } });
    const stat = await h.db.pool.query(`SELECT pts, revision, batch_id FROM player_game_stats WHERE player_id = 1 AND game_id = '0021800001'`);
    expect(stat.rows[0]).toEqual({ pts: 12, revision: 2, batch_id: report.batchId });
    const correction = await h.db.pool.query(`SELECT * FROM stat_corrections`);
    expect(correction.rows).toHaveLength(1);
    expect(correction.rows[0]).toMatchObject({
      player_id: 1,
      game_id: '0021800001',
      batch_id: report.batchId,
      previous: { pts: 10, revision: 1 },
      current: { pts: 12, revision: 2, batch_id: report.batchId },
    });
    const raws = await h.artifacts.list('raw/box-scores/');
    expect(raws.length).toBeGreaterThanOrEqual(2);
    const original = await h.db.pool.query(`SELECT artifact_uri FROM ingest_batches WHERE id = $1`, [correction.rows[0].previous.batch_id]);
    expect(gunzipSync(await h.artifacts.get(original.rows[0].artifact_uri)).toString()).toContain(',10,4');
    expect(gunzipSync(await h.artifacts.get(report.artifactUri as string)).toString()).toContain(',12,4');
  });

  it('published one ingestion.completed per changed game date, with the counts of that date', async () => {
    const events = await h.events();
    expect(events.map((e) => [e.gameDate, e.kind, e.counts])).toEqual([
      ['2018-10-17', 'BOX_SCORES', { inserted: 2, updated: 0, unchanged: 0 }],
      ['2018-10-18', 'BOX_SCORES', { inserted: 1, updated: 0, unchanged: 0 }],
      ['2018-10-17', 'BOX_SCORES', { inserted: 0, updated: 1, unchanged: 1 }],
    ]);
    const batches = await h.db.pool.query(`SELECT id FROM ingest_batches WHERE status = 'ACCEPTED' ORDER BY created_at`);
    expect(new Set(events.map((e) => e.batchId))).toEqual(new Set([batches.rows[0].id, batches.rows[2].id]));
  });

  it('flags values more than 3 standard deviations from a player history of 10+ games, and accepts them', async () => {
    const history = Array.from({ length: 12 }, (_, i) => line(10 + i, 77, 10 + (i % 3)));
    await h.ingest('BOX_SCORES', csv(...history), 'history.csv');
    const report = await h.ingest('BOX_SCORES', csv(line(30, 77, 48, { fga: 40 })), 'explosion.csv');
    expect(report.status).toBe('ACCEPTED');
    expect(report.flags['outliers']).toEqual({
      total: 1,
      outliers: [{ row: 2, playerId: 77, gameId: '0021800030', stat: 'pts', value: 48, mean: 11, stdDev: 0.85, priorGames: 12 }],
    });
    const stored = await h.db.pool.query(`SELECT flags FROM ingest_batches WHERE id = $1`, [report.batchId]);
    expect(stored.rows[0].flags.outliers.total).toBe(1);
  });
});

describe('players under two ids', () => {
  let h: IngestHarness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());
  const niang = (n: number, id: number) => line(n, id).replace(`Player ${id}`, 'Georges Niang');

  it('flags new players whose name another player has (a namesake, or a mistyped id as in the main dataset), and accepts them', async () => {
    // First load of an empty table (the bulk path): both ids are new, each is flagged with the other.
    const first = await h.ingest('BOX_SCORES', csv(niang(1, 1627777), niang(2, 1627777), niang(3, 162777), line(1, 5)), 'first.csv');
    expect(first.status).toBe('ACCEPTED');
    expect(first.flags['possibleDuplicatePlayers']).toEqual({
      total: 2,
      possibleDuplicatePlayers: [
        { name: 'Georges Niang', newId: 162777, otherIds: [1627777] },
        { name: 'Georges Niang', newId: 1627777, otherIds: [162777] },
      ],
    });
    // Later batches (the upsert path) flag only players they insert.
    const later = await h.ingest('BOX_SCORES', csv(niang(4, 1627777), line(2, 5), line(2, 6).replace('Player 6', 'Georges  Niang')), 'later.csv');
    expect(later.flags['possibleDuplicatePlayers']).toEqual({ total: 1, possibleDuplicatePlayers: [{ name: 'Georges  Niang', newId: 6, otherIds: [162777, 1627777] }] });
    const plain = await h.ingest('BOX_SCORES', csv(line(3, 7)), 'plain.csv');
    expect(plain.flags['possibleDuplicatePlayers']).toEqual({ total: 0, possibleDuplicatePlayers: [] });
  });
});

describe('rejecting bad batches', () => {
  let h: IngestHarness;
  beforeAll(async () => {
    h = await createHarness();
    await h.ingest('BOX_SCORES', csv(line(1, 1), line(1, 2)), 'seed.csv');
  });
  afterAll(() => h.close());

  it('rejects a batch with any invalid row: the database is unchanged and every problem is listed with row and field', async () => {
    const before = await h.counts();
    const bad = csv(line(3, 1), line(3, 2, 10, { min: 75 }), line(3, 3, 10, { fgm: 9, fga: 8, ftm: 0 }).replace(',10,4', ',18,4'), line(3, 4).replace('BOS vs. PHI', 'BOS vs. XYZ'));
    const report = await h.ingest('BOX_SCORES', bad, 'bad.csv');
    expect(report.status).toBe('REJECTED');
    expect(report.errors).toEqual(['row 3, field MIN: 75 is out of range (0 to 70)', 'row 4, field FGM: 9 made is more than 8 attempted (FGA)', 'row 5, field MATCHUP: "XYZ" is not an NBA team']);
    expect(report.problemCount).toBe(3);
    expect(await h.counts()).toEqual({ ...before, ingest_batches: before.ingest_batches + 1 });
    const batch = await h.db.pool.query(`SELECT status, rows_rejected, errors, artifact_uri FROM ingest_batches WHERE id = $1`, [report.batchId]);
    expect(batch.rows[0]).toMatchObject({ status: 'REJECTED', rows_rejected: 3, errors: { total: 3 } });
    expect(await h.artifacts.exists(batch.rows[0].artifact_uri)).toBe(true);
  });

  it('lists the first 100 problems and the total', async () => {
    const lines = Array.from({ length: 150 }, (_, i) => line(5, 100 + i, 10, { min: 80 }));
    const report = await h.ingest('BOX_SCORES', csv(...lines), 'many-bad.csv');
    expect(report.problemCount).toBe(150);
    expect(report.problems).toHaveLength(100);
    expect(report.message).toMatch(/^rejected, nothing written: 150 problems in 150 rows; first: row 2, field MIN/);
  });

  it('rejects conflicting rows for the same player and game, and collapses identical ones', async () => {
    const conflicting = await h.ingest('BOX_SCORES', csv(line(6, 1), line(6, 1, 12)), 'conflict.csv');
    expect(conflicting.status).toBe('REJECTED');
    expect(conflicting.errors[0]).toMatch(/^row 2, field FGM: player 1 in game 0021800006 also appears in row 3 with FGM 6 \(here 5\): conflicting duplicate$/);
    const identical = await h.ingest('BOX_SCORES', csv(line(6, 1), line(6, 1)), 'identical.csv');
    expect(identical).toMatchObject({ status: 'ACCEPTED', rows: { total: 2, accepted: 1, collapsed: 1, inserted: 1 } });
  });

  it('rejects a file without a required column, or that is not a table at all', async () => {
    const noPts = await h.ingest('BOX_SCORES', Buffer.from('PLAYER_ID,PLAYER_NAME,GAME_ID,TEAM_ID,MIN,REB,AST,FG3M\n1,A,0021800001,1610612738,30,1,1,1\n'), 'nopts.csv');
    expect(noPts.errors).toEqual(['file, field PTS: column is missing (found: PLAYER_ID, PLAYER_NAME, GAME_ID, TEAM_ID, MIN, REB, AST, FG3M)']);
    const broken = await h.ingest('BOX_SCORES', Buffer.from('{"rows": [1, 2'), 'broken.json');
    expect(broken.status).toBe('REJECTED');
    expect(broken.errors[0]).toMatch(/^file, field file: invalid JSON/);
  });

  it('with allowPartial writes the valid rows and puts the rejects, with reasons, in rejects/<batch>.ndjson.gz', async () => {
    const report = await h.ingest('BOX_SCORES', csv(line(7, 1), line(7, 2, 10, { min: 90 }), line(7, 3)), 'partial.csv', { allowPartial: true });
    expect(report).toMatchObject({ status: 'PARTIAL', rows: { total: 3, accepted: 2, rejected: 1, inserted: 2 } });
    expect(report.rejectUri).toMatch(new RegExp(`/rejects/${report.batchId}\\.ndjson\\.gz$`));
    const rejects = gunzipSync(await h.artifacts.get(report.rejectUri as string))
      .toString()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rejects).toEqual([{ row: 3, problems: [{ field: 'MIN', message: '90 is out of range (0 to 70)' }], record: expect.objectContaining({ PLAYER_ID: '2', MIN: '90' }) }]);
    const batch = await h.db.pool.query(`SELECT status, reject_uri, rows_accepted, rows_rejected FROM ingest_batches WHERE id = $1`, [report.batchId]);
    expect(batch.rows[0]).toEqual({ status: 'PARTIAL', reject_uri: report.rejectUri, rows_accepted: 2, rows_rejected: 1 });
  });

  it('in a dry run validates and counts, and stores nothing', async () => {
    const before = await h.counts();
    const report = await h.ingest('BOX_SCORES', csv(line(8, 1), line(8, 2)), 'dry.csv', { dryRun: true });
    expect(report).toMatchObject({ status: 'ACCEPTED', dryRun: true, rows: { inserted: 2 }, artifactUri: null, events: { published: 0 } });
    expect(await h.counts()).toEqual(before);
  });
});
