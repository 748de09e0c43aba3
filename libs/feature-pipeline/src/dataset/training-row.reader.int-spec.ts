import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { isPlayed, type PlayerGameLog } from '@propcast/features';
import { createFeaturePipeline, type FeaturePipeline } from '../feature-pipeline.factory';
import { loadRealBoxScores, seedBoxScores, storedRows } from '../testing';
import type { TrainingRow } from './training-row.repository';

describe('TrainingRowReader', () => {
  let logs: PlayerGameLog[];
  let db: TestDatabase;
  let pipeline: FeaturePipeline;

  beforeAll(async () => {
    logs = loadRealBoxScores({ from: '2018-10-16', to: '2018-10-26' });
    db = await createTestDatabase();
    await seedBoxScores(db.pool, logs);
    pipeline = createFeaturePipeline({ pool: db.pool, progress: { quiet: true } });
    await (
      await pipeline.backfill.start()
    ).done;
  });
  afterAll(async () => db?.drop());

  it('streams every played player-game with its targets and stored vector, in date order, across batches', async () => {
    const rows: TrainingRow[] = [];
    for await (const row of pipeline.dataset.stream({ from: '2018-10-17', to: '2018-10-25', batchRows: 300 })) rows.push(row);
    const played = logs.filter((l) => isPlayed(l) && l.gameDate >= '2018-10-17' && l.gameDate <= '2018-10-25');
    expect(rows).toHaveLength(played.length);
    expect(rows.map((r) => r.gameDate)).toEqual([...rows.map((r) => r.gameDate)].sort());

    const stored = await storedRows(db.pool);
    const harden = rows.find((r) => r.playerId === 201935)!;
    const log = played.find((l) => l.playerId === 201935 && l.gameId === harden.gameId)!;
    expect(harden).toMatchObject({
      season: '2018-19',
      minutes: log.minutes,
      targets: { POINTS: log.pts, REBOUNDS: log.reb, ASSISTS: log.ast, THREES: log.fg3m, PRA: log.pts! + log.reb! + log.ast! },
    });
    expect(Buffer.from(harden.values.buffer).toString('hex')).toBe(stored.get(`201935:${harden.gameId}`)!.hex);
  });

  it('streams raw rows of a range, DNP rows included', async () => {
    let n = 0;
    for await (const row of pipeline.rows.streamRows({ featureSetId: 'player-props@v1', from: '2018-10-20', to: '2018-10-20', batchRows: 50 })) {
      expect(row.values).toHaveLength(89);
      expect(row.cutoffAt.toISOString()).toBe('2018-10-20T00:00:00.000Z');
      n++;
    }
    expect(n).toBe(logs.filter((l) => l.gameDate === '2018-10-20').length);
  });
});
