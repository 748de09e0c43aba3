import { createHarness, type IngestHarness } from '../testing/ingest-harness';

const HEADER = 'GAME_ID,GAME_DATE,TEAM_ABBREVIATION,MATCHUP,PLAYER_ID,PLAYER_NAME,MIN,FGM,FGA,FG3M,FG3A,FTM,FTA,REB,AST,PTS';
const row = (player: number, opts: { game?: string; date?: string; matchup?: string; team?: string; min?: string; pts?: number } = {}) => {
  const pts = opts.pts ?? 13;
  return `${opts.game ?? '0022300001'},${opts.date ?? '2023-10-24'},${opts.team ?? 'DEN'},${opts.matchup ?? 'DEN vs. LAL'},${player},Player ${player},${opts.min ?? '30'},5,10,1,3,${pts - 11},${pts - 10},6,4,${pts}`;
};
const csv = (...lines: string[]) => Buffer.from(`${HEADER}\n${lines.join('\n')}\n`);

/** Index and constraint definitions of player_game_stats: what a bulk load must restore exactly. */
async function shape(h: IngestHarness): Promise<string[]> {
  const result = await h.db.pool.query<{ def: string }>(
    `SELECT indexdef AS def FROM pg_indexes WHERE tablename = 'player_game_stats'
     UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated FROM pg_constraint WHERE conrelid = 'player_game_stats'::regclass
     ORDER BY 1`,
  );
  return result.rows.map((r) => r.def);
}

describe('first load of an empty player_game_stats (streamed bulk load)', () => {
  let h: IngestHarness;
  let original: string[];
  beforeAll(async () => {
    h = await createHarness();
    original = await shape(h);
    expect(original).toHaveLength(8);
  });
  afterAll(() => h.close());

  it('rolls back a rejected batch: the table stays empty with every index and key as the migrations made them', async () => {
    const report = await h.ingest('BOX_SCORES', csv(row(1), row(2, { min: '99' }), row(3)), 'rejected.csv');
    expect(report.status).toBe('REJECTED');
    expect((await h.counts()).player_game_stats).toBe(0);
    expect(await shape(h)).toEqual(original);
    const dry = await h.ingest('BOX_SCORES', csv(row(1), row(2)), 'dry.csv', { dryRun: true });
    expect(dry).toMatchObject({ status: 'ACCEPTED', rows: { inserted: 2 }, flags: { bulkLoad: true } });
    expect((await h.counts()).player_game_stats).toBe(0);
    expect(await shape(h)).toEqual(original);
  });

  it('keeps exactly the valid rows of a partial batch: drops streamed rows rejected later, adds rows completed from the stored game', async () => {
    const schedule = 'game_id,game_date,home_team,away_team\n0022300002,2023-10-25,BOS,NYK\n';
    expect((await h.ingest('SCHEDULE', Buffer.from(schedule), 'schedule.csv')).status).toBe('ACCEPTED');
    const batch = csv(
      row(1),
      row(2, { min: '99' }),
      row(3),
      row(3, { pts: 15 }),
      row(4),
      row(4),
      row(5, { game: '0022300002', date: '', matchup: '', team: 'NYK' }),
      row(6, { matchup: 'DEN vs. BOS' }),
    );
    const report = await h.ingest('BOX_SCORES', batch, 'partial.csv', { allowPartial: true });
    expect(report).toMatchObject({ status: 'PARTIAL', rows: { total: 8, accepted: 3, rejected: 4, collapsed: 1, inserted: 3 }, flags: { bulkLoad: true } });
    expect(report.errors.map((e) => e.replace(/:.*/, ''))).toEqual(['row 3, field MIN', 'row 4, field FTM', 'row 5, field FTM', 'row 9, field MATCHUP']);
    const stored = await h.db.pool.query(`SELECT player_id, game_id, game_date::text AS date, is_home FROM player_game_stats ORDER BY player_id`);
    expect(stored.rows).toEqual([
      { player_id: 1, game_id: '0022300001', date: '2023-10-24', is_home: true },
      { player_id: 4, game_id: '0022300001', date: '2023-10-24', is_home: true },
      { player_id: 5, game_id: '0022300002', date: '2023-10-25', is_home: false },
    ]);
    expect(await shape(h)).toEqual(original);
  });

  it('takes the upsert path once the table has rows', async () => {
    const report = await h.ingest('BOX_SCORES', csv(row(1, { pts: 14 }), row(7)), 'next.csv');
    expect(report).toMatchObject({ status: 'ACCEPTED', rows: { inserted: 1, updated: 1 }, flags: { corrections: 1 } });
    expect(report.flags['bulkLoad']).toBeUndefined();
  });
});
