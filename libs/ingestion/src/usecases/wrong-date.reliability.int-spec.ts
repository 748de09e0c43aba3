import { createHarness, type IngestHarness } from '../testing/ingest-harness';

const HEADER = 'SEASON,GAME_ID,GAME_DATE,TEAM_ID,TEAM_ABBREVIATION,MATCHUP,PLAYER_ID,PLAYER_NAME,START_POSITION,COMMENT,MIN,FGM,FGA,FG3M,FG3A,FTM,FTA,OREB,DREB,REB,AST,STL,BLK,TOV,PF,PTS,PLUS_MINUS';
const line = (playerId: number, date: string, pts = 7) =>
  `2018-19,0021800001,${date},1610612738,BOS,BOS vs. PHI,${playerId},Player ${playerId},G,,27:14,2,14,1,4,${pts - 5},${pts - 5},0,4,4,7,2,0,2,2,${pts},-1`;
const csv = (...lines: string[]) => Buffer.from(`${HEADER}\n${lines.join('\n')}\n`);

/** Finding 5 of issue 13: one row with a known GAME_ID and another GAME_DATE moved that player's line to another date. */
describe('a box-score row that dates a played game elsewhere (reliability)', () => {
  let h: IngestHarness;

  beforeAll(async () => {
    h = await createHarness();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('is rejected naming its row and GAME_DATE, and the stored game and line keep their date', async () => {
    expect((await h.ingest('BOX_SCORES', csv(line(1, '2018-10-16'), line(2, '2018-10-16')), 'night.csv')).status).toBe('ACCEPTED');
    const before = await h.counts();

    const report = await h.ingest('BOX_SCORES', csv(line(1, '2018-10-20', 9)), 'correction.csv');
    expect(report.status).toBe('REJECTED');
    expect(report.problems).toEqual([{ row: 2, field: 'GAME_DATE', message: 'game 0021800001 was played on 2018-10-16 (stored, FINAL); this row dates it 2018-10-20' }]);

    const stored = await h.db.pool.query(`SELECT game_date::text AS date, pts FROM player_game_stats WHERE player_id = 1`);
    expect(stored.rows).toEqual([{ date: '2018-10-16', pts: 7 }]);
    const game = await h.db.pool.query(`SELECT game_date::text AS date FROM games WHERE id = '0021800001'`);
    expect(game.rows).toEqual([{ date: '2018-10-16' }]);
    expect(await h.counts()).toEqual({ ...before, ingest_batches: before.ingest_batches + 1 });
  });

  it('with allowPartial, the wrong row goes to the rejects and a genuine correction of the same night is written', async () => {
    const report = await h.ingest('BOX_SCORES', csv(line(1, '2018-10-20', 9), line(2, '2018-10-16', 11)), 'mixed.csv', { allowPartial: true });
    expect(report).toMatchObject({ status: 'PARTIAL', rows: { rejected: 1, updated: 1 } });
    const stored = await h.db.pool.query(`SELECT player_id, game_date::text AS date, pts FROM player_game_stats ORDER BY player_id`);
    expect(stored.rows).toEqual([
      { player_id: 1, date: '2018-10-16', pts: 7 },
      { player_id: 2, date: '2018-10-16', pts: 11 },
    ]);
  });
});
