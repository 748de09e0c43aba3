import { readFileSync } from 'node:fs';
import { createHarness, csvSlice, dataFile, gz, type IngestHarness } from '../testing/ingest-harness';

const MAIN = dataFile('boxscores/player_boxscores_2012-13_to_2020-21.csv.gz');
const HEADER = 'GAME_ID,GAME_DATE,TEAM_ABBREVIATION,MATCHUP,PLAYER_ID,PLAYER_NAME,COMMENT,MIN,FGM,FGA,FG3M,FG3A,FTM,FTA,REB,AST,PTS';
const GAME = '0022300010';
/** A DEN-LAL line of GAME on 2023-10-24: played when `min` is given, did not play (blank stats) otherwise. */
const line = (player: number, comment: string, min = '') =>
  min
    ? `${GAME},2023-10-24,DEN,DEN vs. LAL,${player},Player ${player},"${comment}",${min},5,10,1,3,2,3,6,4,13`
    : `${GAME},2023-10-24,DEN,DEN vs. LAL,${player},Player ${player},"${comment}",,,,,,,,,,`;
const csv = (...lines: string[]) => Buffer.from(`${HEADER}\n${lines.join('\n')}\n`);

async function availability(h: IngestHarness, gameId: string): Promise<{ player_id: number; status: string; reason: string; reported_at: Date; source: string }[]> {
  const result = await h.db.pool.query(`SELECT player_id, status, reason, reported_at, source FROM availability_reports WHERE game_id = $1 ORDER BY player_id`, [gameId]);
  return result.rows;
}

describe('box-score comments and the availability they imply', () => {
  let h: IngestHarness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it("bulk path (first load): stores every COMMENT and derives one OUT row per DND / NWT player, none for DNP - Coach's Decision", async () => {
    const slice = gz(csvSlice(MAIN, 3000, (l) => !l.includes(',Preseason,')));
    const report = await h.ingest('BOX_SCORES', slice, 'main_head.csv.gz');
    expect(report).toMatchObject({ status: 'ACCEPTED', rows: { accepted: 3000 }, flags: { bulkLoad: true } });
    const stored = await h.db.pool.query(
      `SELECT count(*) FILTER (WHERE comment IS NOT NULL)::int AS comments,
              count(*) FILTER (WHERE comment LIKE 'DNP - Coach''s Decision')::int AS coach,
              count(*) FILTER (WHERE dnp AND (comment LIKE 'DND%' OR comment LIKE 'NWT%'))::int AS out,
              count(*) FILTER (WHERE comment <> btrim(comment))::int AS padded
       FROM player_game_stats`,
    );
    expect(stored.rows[0].comments).toBeGreaterThan(400);
    expect(stored.rows[0].coach).toBeGreaterThan(300);
    expect(stored.rows[0].padded).toBe(0);
    const out = stored.rows[0].out as number;
    expect(out).toBeGreaterThan(50);
    expect(report.flags['availability']).toEqual({ out, inserted: out, updated: 0, deleted: 0 });
    const rows = await h.db.pool.query(
      `SELECT a.status, a.source, a.reason = s.comment AS same_reason, a.reported_at = g.game_date::timestamp - interval '1 minute' AS before_date, a.team_id = s.team_id AS same_team
       FROM availability_reports a JOIN player_game_stats s USING (player_id, game_id) JOIN games g ON g.id = a.game_id`,
    );
    expect(rows.rows).toHaveLength(out);
    expect(rows.rows.every((r) => r.status === 'OUT' && r.source === 'BOXSCORE' && r.same_reason && r.before_date && r.same_team)).toBe(true);
    // Leakage: a coach's decision is made during the game, so no row says those players were out.
    const coach = await h.db.pool.query(`SELECT count(*)::int AS n FROM availability_reports a JOIN player_game_stats s USING (player_id, game_id) WHERE s.comment LIKE 'DNP%'`);
    expect(coach.rows[0].n).toBe(0);
  });

  it("row path: DND, NWT and Inactive variants are OUT before tip-off; DNP - Coach's Decision, DNP_PERSONAL and a DND comment on a player who played are not", async () => {
    const schedule = `game_id,game_date,home_team,away_team,tipoff_at\n${GAME},2023-10-24,DEN,LAL,2023-10-25T02:30:00Z\n`;
    expect((await h.ingest('SCHEDULE', Buffer.from(schedule), 'schedule.csv')).status).toBe('ACCEPTED');
    const batch = csv(
      line(9100001, 'DND - Injury/Illness'),
      line(9100002, 'DND_HEALTH_AND_SAFETY_PROTOCOLS'),
      line(9100003, 'NWT - Not With Team'),
      line(9100004, 'NWT_LEAGUE_SUSPENSION'),
      line(9100005, 'Inactive'),
      line(9100006, "DNP - Coach's Decision"),
      line(9100007, 'DNP_PERSONAL'),
      line(9100008, 'DND - Rest', '12'),
      line(9100009, '', '30'),
    );
    const report = await h.ingest('BOX_SCORES', batch, 'den_lal.csv');
    expect(report).toMatchObject({ status: 'ACCEPTED', rows: { inserted: 9 } });
    expect(report.flags['bulkLoad']).toBeUndefined();
    expect(report.flags['availability']).toEqual({ out: 5, inserted: 5, updated: 0, deleted: 0 });
    const comments = await h.db.pool.query(`SELECT player_id, comment FROM player_game_stats WHERE game_id = $1 ORDER BY player_id`, [GAME]);
    expect(comments.rows.map((r) => r.comment)).toEqual([
      'DND - Injury/Illness',
      'DND_HEALTH_AND_SAFETY_PROTOCOLS',
      'NWT - Not With Team',
      'NWT_LEAGUE_SUSPENSION',
      'Inactive',
      "DNP - Coach's Decision",
      'DNP_PERSONAL',
      'DND - Rest',
      null,
    ]);
    const tipoffMinus1 = new Date('2023-10-25T02:29:00Z');
    expect(await availability(h, GAME)).toEqual([
      { player_id: 9100001, status: 'OUT', reason: 'DND - Injury/Illness', reported_at: tipoffMinus1, source: 'BOXSCORE' },
      { player_id: 9100002, status: 'OUT', reason: 'DND_HEALTH_AND_SAFETY_PROTOCOLS', reported_at: tipoffMinus1, source: 'BOXSCORE' },
      { player_id: 9100003, status: 'OUT', reason: 'NWT - Not With Team', reported_at: tipoffMinus1, source: 'BOXSCORE' },
      { player_id: 9100004, status: 'OUT', reason: 'NWT_LEAGUE_SUSPENSION', reported_at: tipoffMinus1, source: 'BOXSCORE' },
      { player_id: 9100005, status: 'OUT', reason: 'Inactive', reported_at: tipoffMinus1, source: 'BOXSCORE' },
    ]);
  });

  it('is idempotent on re-import, and follows a corrected comment', async () => {
    const before = await availability(h, GAME);
    const again = await h.ingest('BOX_SCORES', csv(line(9100001, 'DND - Injury/Illness'), line(9100009, '', '30')), 'den_lal_again.csv');
    expect(again).toMatchObject({ status: 'ACCEPTED', rows: { unchanged: 2 } });
    expect(again.flags['availability']).toEqual({ out: 5, inserted: 0, updated: 0, deleted: 0 });
    expect(await availability(h, GAME)).toEqual(before);

    const corrected = await h.ingest('BOX_SCORES', csv(line(9100001, "DNP - Coach's Decision"), line(9100006, 'DND - Sore Left Knee')), 'den_lal_corrected.csv');
    expect(corrected).toMatchObject({ status: 'ACCEPTED', rows: { updated: 2 } });
    expect(corrected.flags['availability']).toEqual({ out: 5, inserted: 1, updated: 0, deleted: 1 });
    const after = await availability(h, GAME);
    expect(after.map((r) => r.player_id)).toEqual([9100002, 9100003, 9100004, 9100005, 9100006]);
  });

  it('a rejected batch writes neither box scores nor availability', async () => {
    const before = await h.db.pool.query(`SELECT count(*)::int AS n FROM availability_reports`);
    const rejected = await h.ingest('BOX_SCORES', csv(line(9100010, 'DND - Injury/Illness'), line(9100011, '', '99')), 'bad.csv');
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.errors[0]).toBe('row 3, field MIN: 99 is out of range (0 to 70)');
    const after = await h.db.pool.query(`SELECT count(*)::int AS n FROM availability_reports`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('stores the COMMENT of BoxScoreTraditionalV2 files (no date: the schedule gives it) and derives their availability', async () => {
    const schedule = csvSlice(dataFile('formats/schedules/nba_games_2018_19.csv.gz'), 2, (l) => l.includes(',0021800020,'));
    expect((await h.ingest('SCHEDULE', schedule, 'nba_games_0021800020.csv')).status).toBe('ACCEPTED');
    const report = await h.ingest('BOX_SCORES', readFileSync(dataFile('formats/nba_api_boxscore_traditional_v2/0021800020.csv')), '0021800020.csv');
    expect(report.status).toBe('ACCEPTED');
    const spellman = await h.db.pool.query(`SELECT comment, dnp FROM player_game_stats WHERE player_id = 1629016 AND game_id = '0021800020'`);
    expect(spellman.rows[0]).toEqual({ comment: 'DND - Injury/Illness', dnp: true });
    const rows = await availability(h, '0021800020');
    expect(rows).toEqual([{ player_id: 1629016, status: 'OUT', reason: 'DND - Injury/Illness', reported_at: new Date('2018-10-18T23:59:00Z'), source: 'BOXSCORE' }]);
    const coach = await h.db.pool.query(`SELECT count(*)::int AS n FROM player_game_stats WHERE game_id = '0021800020' AND comment = 'DNP - Coach''s Decision'`);
    expect(coach.rows[0].n).toBeGreaterThan(0);
  });
});
