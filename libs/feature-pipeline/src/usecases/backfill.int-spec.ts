import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import type { PlayerGameLog } from '@propcast/features';
import { createFeaturePipeline, type FeaturePipelineOptions } from '../feature-pipeline.factory';
import { loadRealBoxScores, pureFeatureHex, seedBoxScores, storedRows } from '../testing';
import { BackfillRepository } from '../storage/backfill.repository';
import { FeatureRowRepository, type MergeResult } from '../storage/feature-row.repository';

// One real month (preseason and the first weeks of 2018-19): 7,000+ box-score rows over about 40 dates.
const FROM = '2018-09-28';
const TO = '2018-11-10';

describe('backfill of a real month', () => {
  let logs: PlayerGameLog[];
  let db: TestDatabase;
  let other: TestDatabase;
  const quiet = { progress: { quiet: true }, chunkDates: 5 } satisfies Partial<FeaturePipelineOptions>;

  beforeAll(async () => {
    logs = loadRealBoxScores({ from: FROM, to: TO });
    [db, other] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    await Promise.all([seedBoxScores(db.pool, logs), seedBoxScores(other.pool, logs)]);
  });
  afterAll(async () => {
    await Promise.all([db?.drop(), other?.drop()]);
  });

  it('stores, for every box-score row, exactly the vector the pure computation gives', async () => {
    const pipeline = createFeaturePipeline({ pool: db.pool, ...quiet });
    const started = await pipeline.backfill.start();
    const done = await started.done;
    expect(done).toMatchObject({ status: 'completed', fromDate: logs.map((l) => l.gameDate).sort()[0], toDate: TO, lastDoneDate: TO, rowsWritten: logs.length });
    expect(done.datesDone).toBe(done.datesTotal);
    expect(done.datesTotal).toBe(new Set(logs.map((l) => l.gameDate)).size);

    const stored = await storedRows(db.pool);
    const expected = pureFeatureHex(logs);
    expect(stored.size).toBe(expected.size);
    for (const [key, hex] of expected) expect(stored.get(key)?.hex).toBe(hex);
    const status = await pipeline.backfill.status(started.backfill.id);
    expect(status.rowsPerSecond).toBeGreaterThan(0);
    expect(status.etaSeconds).toBe(0);
  });

  it('a second start while a backfill runs returns that backfill; a fresh one rewrites identical rows', async () => {
    const pipeline = createFeaturePipeline({ pool: db.pool, ...quiet });
    const before = await storedRows(db.pool);
    const first = await pipeline.backfill.start({ fresh: true });
    const second = await pipeline.backfill.start();
    expect(second.backfill.id).toBe(first.backfill.id);
    expect(second.done).toBe(first.done);
    await first.done;
    const after = await storedRows(db.pool);
    expect(after.size).toBe(before.size);
    for (const [key, row] of before) expect(after.get(key)?.hex).toBe(row.hex);
  });

  it('skipIfCurrent starts nothing while every box score has a current row, and backfills once one changes or lacks its row', async () => {
    const pipeline = createFeaturePipeline({ pool: db.pool, ...quiet });
    const skipped = await pipeline.backfill.startUnlessCurrent({ skipIfCurrent: true });
    expect(skipped).toEqual({ skipped: true, rows: logs.length, reason: `all ${logs.length} player-games with box scores have current player-props@v1 rows` });
    await expect(pipeline.backfill.startUnlessCurrent({ skipIfCurrent: true, from: FROM })).rejects.toThrow(/skipIfCurrent/);

    // A box score changed after the newest row was computed: the rows are stale.
    await db.pool.query(`UPDATE player_game_stats SET updated_at = clock_timestamp() WHERE game_date = $1`, [TO]);
    const afterChange = await pipeline.backfill.startUnlessCurrent({ skipIfCurrent: true });
    expect('skipped' in afterChange).toBe(false);
    await (afterChange as Exclude<typeof afterChange, { skipped: true }>).done;
    expect(await pipeline.backfill.startUnlessCurrent({ skipIfCurrent: true })).toMatchObject({ skipped: true });

    // A player-game without its row: incomplete.
    await db.pool.query(`DELETE FROM feature_rows WHERE id = (SELECT min(id) FROM feature_rows)`);
    const afterDelete = await pipeline.backfill.startUnlessCurrent({ skipIfCurrent: true });
    expect('skipped' in afterDelete).toBe(false);
    await (afterDelete as Exclude<typeof afterDelete, { skipped: true }>).done;
    expect((await storedRows(db.pool)).size).toBe(logs.length);
  });

  it('records every processor as complete for every date, with the date row count', async () => {
    const r = await db.pool.query<{ processor: string; dates: string; rows: string }>(
      `SELECT processor, count(*) AS dates, sum(rows) AS rows FROM processor_completions WHERE feature_set_id = 'player-props@v1' GROUP BY 1 ORDER BY 1`,
    );
    const dates = new Set(logs.map((l) => l.gameDate)).size;
    expect(r.rows).toEqual(['player-context', 'player-form', 'team-defense'].map((p) => ({ processor: p, dates: String(dates), rows: String(logs.length) })));
  });

  it('a crash mid-chunk and a crash after a commit both resume to the same rows, no duplicates, no gaps', async () => {
    class CrashingRows extends FeatureRowRepository {
      calls = 0;
      override async mergeRange(...args: Parameters<FeatureRowRepository['mergeRange']>): Promise<MergeResult> {
        if (++this.calls === 3) {
          // Half of the chunk goes through COPY, then the process "dies": the transaction must roll back.
          const [client, setId, from, to, vectors, asOf, dates] = args;
          const half = [...vectors].slice(0, 100);
          await super.mergeRange(client, setId, from, to, half, asOf, dates);
          throw new Error('injected crash in chunk 3');
        }
        return super.mergeRange(...args);
      }
    }
    class ForgetfulBackfills extends BackfillRepository {
      calls = 0;
      override async recordProgress(...args: Parameters<BackfillRepository['recordProgress']>): Promise<void> {
        if (++this.calls === 2) throw new Error('injected crash after chunk 2 committed');
        return super.recordProgress(...args);
      }
    }
    const crashing = createFeaturePipeline({ pool: other.pool, ...quiet, repositories: { rows: new CrashingRows(other.pool) } });
    const first = await crashing.backfill.start();
    await expect(first.done).rejects.toThrow('injected crash in chunk 3');
    const afterCrash = await crashing.backfill.status(first.backfill.id);
    expect(afterCrash).toMatchObject({ status: 'failed', error: 'injected crash in chunk 3', datesDone: 10 });

    const forgetful = createFeaturePipeline({ pool: other.pool, ...quiet, repositories: { backfills: new ForgetfulBackfills(other.pool) } });
    const second = await forgetful.backfill.start();
    expect(second).toMatchObject({ resumed: true, backfill: { id: first.backfill.id } });
    await expect(second.done).rejects.toThrow('injected crash after chunk 2 committed');
    const afterSecond = await forgetful.backfill.status(first.backfill.id);
    expect(afterSecond).toMatchObject({ status: 'failed', datesDone: 15 });
    // The chunk after the resume point is committed, but its progress was never recorded: resume recomputes it and,
    // finding the same bytes, leaves its rows as they are (same ids) instead of writing them again.
    const beyond = await other.pool.query<{ id: string }>('SELECT id::text AS id FROM feature_rows WHERE game_date > $1', [afterSecond.lastDoneDate]);
    expect(beyond.rows.length).toBeGreaterThan(0);

    const healthy = createFeaturePipeline({ pool: other.pool, ...quiet });
    const third = await healthy.backfill.start();
    expect(third.resumed).toBe(true);
    const finished = await third.done;
    expect(finished).toMatchObject({ status: 'completed', rowsWritten: logs.length, lastDoneDate: TO });
    expect(finished.datesDone).toBe(finished.datesTotal);

    const resumed = await storedRows(other.pool);
    const uninterrupted = await storedRows(db.pool);
    expect(resumed.size).toBe(uninterrupted.size);
    for (const [key, row] of uninterrupted) expect(resumed.get(key)?.hex).toBe(row.hex);
    const dupes = await other.pool.query('SELECT player_id, game_id FROM feature_rows GROUP BY 1, 2 HAVING count(*) > 1');
    expect(dupes.rows).toEqual([]);

    const resumedIds = new Set([...resumed.values()].map((r) => r.id));
    expect(beyond.rows.filter((r) => !resumedIds.has(r.id))).toEqual([]);
  });
});
