import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { createServingRepositories } from '../composition/serving-repositories';
import { RecordTriggerUseCase } from './record-trigger.usecase';
import type { StartBatchUseCase } from './start-batch.usecase';

describe('RecordTriggerUseCase', () => {
  let db: TestDatabase;
  const started: string[] = [];
  const startBatch = {
    execute: async ({ gameDate }: { gameDate: string }) => {
      started.push(gameDate);
      return { batch: { id: `batch-${gameDate}` }, created: true };
    },
  } as unknown as StartBatchUseCase;
  const processors = ['team-defense', 'player-form', 'player-context'];

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.pool.query(`INSERT INTO teams (id, abbreviation, city, name, updated_at) VALUES (1, 'AAA', 'A', 'A', now()), (2, 'BBB', 'B', 'B', now())`);
    await db.pool.query(
      `INSERT INTO games (id, game_date, season, season_type, home_team_id, away_team_id, status, updated_at) VALUES
       ('0022000001', '2021-05-15', '2020-21', 'REGULAR', 1, 2, 'FINAL', now()),
       ('0022000002', '2021-05-16', '2020-21', 'REGULAR', 2, 1, 'SCHEDULED', now())`,
    );
  });
  afterAll(async () => {
    await db.drop();
  });

  it('starts a batch once every expected processor reported a date with scheduled games', async () => {
    const trigger = new RecordTriggerUseCase(db.pool, createServingRepositories(), startBatch, { mode: 'all_complete', expectedProcessors: processors });
    const outcomes = [];
    for (const [i, processor] of processors.entries()) {
      outcomes.push((await trigger.execute({ gameDate: '2021-05-16', processor, messageId: `m${i}`, transport: 'stream' })).outcome);
    }
    expect(outcomes).toEqual(['recorded', 'recorded', 'started']);
    expect(started).toEqual(['2021-05-16']);
  });

  it('ignores reports for a date whose games are all final (a backfill or a correction of the past)', async () => {
    const trigger = new RecordTriggerUseCase(db.pool, createServingRepositories(), startBatch, { mode: 'any', expectedProcessors: processors });
    const result = await trigger.execute({ gameDate: '2021-05-15', processor: 'player-form', messageId: 'past-1', transport: 'stream' });
    expect(result.outcome).toBe('ignored');
    expect(started).toEqual(['2021-05-16']);
    const recorded = await db.pool.query(`SELECT count(*)::int AS n FROM trigger_records WHERE game_date = '2021-05-15'`);
    expect(recorded.rows[0].n).toBe(0);
  });
});
