import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { deflateRawSync } from 'node:zlib';
import { FeatureSetV2, isPlayed, STATE_FORMAT_VERSION, type PlayerGameLog } from '@propcast/features';
import { createFeaturePipeline, type FeaturePipeline } from '../feature-pipeline.factory';
import { DEFAULT_FEATURE_PROCESSORS } from '../processors/processor-definitions';
import { parseProcessorList, planProcessors } from '../processors/processor-plan';
import { FeatureCheckpointRepository } from '../storage/feature-checkpoint.repository';
import { FeatureTimeline } from '../timeline/feature-timeline';
import { correctBoxScore, loadRealBoxScores, pureFeatureHex, seedBoxScores, storedRows } from '../testing';

// Two and a half months of the real 2018-19 season: three month-end checkpoints (October, November, December).
const FROM = '2018-10-16';
const TO = '2018-12-20';
const tipoff = (date: string) => new Date(`${date}T23:30:00Z`);
const V1 = 'player-props@v1';
const V2 = 'player-props@v2';

describe('feature checkpoints: runs start from the nearest checkpoint before their range', () => {
  let all: PlayerGameLog[];
  let logs: PlayerGameLog[];
  let db: TestDatabase;
  let checkpoints: FeatureCheckpointRepository;
  const now = new Date('2030-01-01T00:00:00Z');
  const pipeline = (featureSet = V1, withCheckpoints = true): FeaturePipeline =>
    createFeaturePipeline({ pool: db.pool, featureSet, progress: { quiet: true }, chunkDates: 8, clock: () => now, checkpoints: withCheckpoints });
  const dates = () => [...new Set(logs.map((l) => l.gameDate))].sort();
  const hexOf = async (featureSetId: string) => new Map([...(await storedRows(db.pool, featureSetId))].map(([k, r]) => [k, r.hex]));
  const expectParity = async () => {
    const stored = await storedRows(db.pool);
    const pure = pureFeatureHex(logs);
    expect(stored.size).toBe(pure.size);
    const differing = [...pure].filter(([key, hex]) => stored.get(key)?.hex !== hex).map(([key]) => key);
    expect(differing).toEqual([]);
  };

  beforeAll(async () => {
    all = loadRealBoxScores({ from: FROM, to: TO });
    const last = [...new Set(all.map((l) => l.gameDate))].sort().pop() as string;
    // The last date is held back: a test appends it as "tonight's final box scores".
    logs = all.filter((l) => l.gameDate < last);
    db = await createTestDatabase();
    checkpoints = new FeatureCheckpointRepository(db.pool);
    await seedBoxScores(db.pool, logs, { tipoffAt: (_id, date) => tipoff(date) });
    await (
      await pipeline().backfill.start()
    ).done;
  });
  afterAll(async () => db?.drop());

  it('a backfill leaves one checkpoint per month of its last year, the last one through its last box-score date', async () => {
    const saved = await checkpoints.list(V1);
    const d = dates();
    const monthEnds = d.filter((x, i) => d[i + 1] === undefined || d[i + 1].slice(0, 7) !== x.slice(0, 7));
    expect(saved.map((c) => c.throughDate)).toEqual(monthEnds);
    expect(saved[saved.length - 1].throughDate).toBe(d[d.length - 1]);
    for (const c of saved) expect(c.storedBytes).toBeLessThan(c.stateBytes);
    await expectParity();
  });

  it("appending a day's final box scores replays nothing: it starts from yesterday's checkpoint and rewrites only that day", async () => {
    const before = await storedRows(db.pool);
    const yesterday = dates()[dates().length - 1];
    const day = all.filter((l) => l.gameDate > yesterday);
    await seedBoxScores(db.pool, day, { tipoffAt: (_id, date) => tipoff(date) });
    logs = [...logs, ...day];

    const result = await pipeline().recompute.onIngestion({ gameDate: day[0].gameDate, kind: 'BOX_SCORES' });
    expect(result).toMatchObject({ from: day[0].gameDate, dates: 1, rows: day.length, checkpoint: yesterday, replayedDates: 0 });
    const after = await storedRows(db.pool);
    for (const [key, row] of before) expect(after.get(key)).toEqual(row);
    await expectParity();
    expect((await checkpoints.list(V1)).map((c) => c.throughDate)).toContain(day[0].gameDate);
  });

  it('a second import for the same day starts from the checkpoint strictly before it, not from its own', async () => {
    const today = dates()[dates().length - 1];
    const result = await pipeline().recompute.onIngestion({ gameDate: today, kind: 'BOX_SCORES' });
    expect(result.checkpoint).toBe(dates()[dates().length - 2]);
    expect(result.replayedDates).toBe(0);
    await expectParity();
  });

  it('a correction of an old day invalidates every later checkpoint, replays from the one before it and equals a full replay', async () => {
    const d = dates();
    const day = d.find((x) => x.startsWith('2018-11-2')) as string;
    const game = logs.find((l) => l.gameDate === day && isPlayed(l) && (l.pts ?? 0) > 10) as PlayerGameLog;
    await correctBoxScore(db.pool, game.playerId, game.gameId, { pts: (game.pts as number) + 11 });
    game.pts = (game.pts as number) + 11;

    const octoberEnd = d.filter((x) => x.startsWith('2018-10')).pop() as string;
    const result = await pipeline().recompute.onIngestion({ gameDate: day, kind: 'BOX_SCORES' });
    expect(result.checkpoint).toBe(octoberEnd);
    expect(result.replayedDates).toBe(d.filter((x) => x > octoberEnd && x < day).length);
    await expectParity();
    // Rewritten after the run: November's and December's ends and the last date again, all from corrected box scores.
    const saved = (await checkpoints.list(V1)).map((c) => c.throughDate);
    expect(saved.filter((x) => x >= day)).toEqual([d.filter((x) => x.startsWith('2018-11')).pop(), d[d.length - 1]]);

    // The same range recomputed by a full replay (no checkpoints) writes the very same bytes.
    const withCheckpoints = await hexOf(V1);
    expect((await pipeline(V1, false).recompute.recompute(day)).replayedDates).toBe(d.filter((x) => x < day).length);
    expect(await hexOf(V1)).toEqual(withCheckpoints);
  });

  it('a checkpoint from another feature-set definition is never used, even when its rows claim the right version', async () => {
    const d = dates();
    const last = d[d.length - 1];
    // Another definition hash (the feature definitions changed): filtered out, the run replays everything.
    await db.pool.query(`UPDATE feature_checkpoints SET definition_hash = 'another-definition' WHERE feature_set_id = $1`, [V1]);
    let result = await pipeline().recompute.onIngestion({ gameDate: last, kind: 'BOX_SCORES' });
    expect(result).toMatchObject({ checkpoint: null, replayedDates: d.length - 1 });
    await expectParity();
    expect((await checkpoints.list(V1)).every((c) => c.definitionHash !== 'another-definition')).toBe(true);

    // A v2 state stored under v1's id and hash (a bug, or a hand edit): its own header refuses it, it is dropped and
    // the run starts from the checkpoint before it.
    await pipeline().recompute.recompute(d[0]); // month-end checkpoints again (the run above saved only its last date)
    const saved = (await checkpoints.list(V1)).map((c) => c.throughDate);
    const [earlier, swapped] = saved.slice(-3, -1);
    const v2State = new FeatureTimeline({
      featureSet: FeatureSetV2,
      plan: planProcessors(parseProcessorList(DEFAULT_FEATURE_PROCESSORS), FeatureSetV2),
      rosterGames: 5,
      upcomingHorizonDays: 2,
    }).saveState();
    await db.pool.query(`UPDATE feature_checkpoints SET state = $3 WHERE feature_set_id = $1 AND through_date = $2`, [V1, swapped, deflateRawSync(v2State)]);
    const before = await hexOf(V1);
    result = await pipeline().recompute.onIngestion({ gameDate: addOne(swapped), kind: 'BOX_SCORES' });
    expect(result.checkpoint).toBe(earlier);
    expect(await hexOf(V1)).toEqual(before);
    expect((await checkpoints.list(V1)).map((c) => c.throughDate)).not.toContain(swapped);
    expect(STATE_FORMAT_VERSION).toBeGreaterThan(0);
  });

  it('v2 keeps checkpoints of its own: appending from them equals its full replay', async () => {
    const d = dates();
    const last = d[d.length - 1];
    await pipeline(V2)
      .backfill.start()
      .then((s) => s.done);
    // A run from the first date invalidated every set's checkpoints from that date on: v1's are gone.
    expect(await checkpoints.list(V1)).toEqual([]);
    const v2 = (await checkpoints.list(V2)).map((c) => c.throughDate);
    expect(v2[v2.length - 1]).toBe(last);
    // After the backfill, the nearest v2 checkpoint strictly before the last date is November's end.
    const novemberEnd = d.filter((x) => x.startsWith('2018-11')).pop() as string;
    const incremental = await pipeline(V2).recompute.onIngestion({ gameDate: last, kind: 'BOX_SCORES' });
    expect(incremental).toMatchObject({ checkpoint: novemberEnd, replayedDates: d.filter((x) => x > novemberEnd && x < last).length });
    const rows = await hexOf(V2);
    expect((await pipeline(V2, false).recompute.recompute(d[0])).checkpoint).toBeNull();
    expect(await hexOf(V2)).toEqual(rows);
    expect([...rows.values()][0].length).toBe(8 * FeatureSetV2.featureNames.length);
  });
});

function addOne(date: string): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}
