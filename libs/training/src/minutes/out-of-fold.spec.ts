import { seededRandom } from '@propcast/common';
import type { StatDataset } from '../dataset/dataset.types';
import { consecutiveDates, statDatasetFixture } from '../testing/stat-dataset.fixture';
import { dateBlocks } from '@propcast/common';
import { outOfFoldProjection, type MinutesFitter } from './out-of-fold';
import { XgboostMinutesFitter } from './xgboost-minutes-fitter';

const FIT = { maxRounds: 40, earlyStoppingRounds: 5, validationEvery: 5, nthread: 1, seed: 42 };

/** Minutes driven by the first two feature columns, 30 dates of 40 rows. */
function minutesDataset(): StatDataset {
  const random = seededRandom(11);
  const base = statDatasetFixture({ dates: consecutiveDates('2019-01-01', 30), perDate: 40, value: () => random() });
  const ncol = base.featureNames.length;
  const target = Float32Array.from({ length: base.size }, (_, i) => 10 + 25 * base.features[i * ncol] + 5 * base.features[i * ncol + 1] + random());
  return { ...base, stat: 'MINUTES', target, minutes: target };
}

/** Wraps a fitter and records the game dates each fit saw and each prediction was for. */
function recording(inner: MinutesFitter) {
  const calls: { fitDates: Set<string>; predictDates: Set<string>; predictRowIds: number[] }[] = [];
  const fitter: MinutesFitter = {
    async fitPredict(fit, predict) {
      calls.push({ fitDates: new Set(fit.gameDates), predictDates: new Set(predict.gameDates), predictRowIds: [...predict.rowIds] });
      return inner.fitPredict(fit, predict);
    },
  };
  return { fitter, calls };
}

describe('dateBlocks', () => {
  it('cuts whole dates into contiguous blocks of about equal rows, every row once', () => {
    const dates = consecutiveDates('2020-01-01', 10).flatMap((d, i) => Array<string>(i === 3 ? 30 : 10).fill(d));
    const blocks = dateBlocks(dates, 4);
    expect(blocks).toHaveLength(4);
    expect(blocks.flatMap((b) => b.rows).sort((a, b) => a - b)).toEqual(dates.map((_, i) => i));
    for (let b = 1; b < blocks.length; b++) expect(blocks[b].from > blocks[b - 1].to).toBe(true);
    for (const block of blocks) for (const row of block.rows) expect(dates[row] >= block.from && dates[row] <= block.to).toBe(true);
    expect(Math.max(...blocks.map((b) => b.rows.length))).toBeLessThanOrEqual(40);
  });

  it('refuses fewer dates than blocks', () => {
    expect(() => dateBlocks(['2020-01-01', '2020-01-02'], 3)).toThrow('2 game dates cannot make 3 date blocks');
  });
});

describe('outOfFoldProjection (real XGBoost fits)', () => {
  it('predicts every row once, each by a model fitted without any game of its date block', async () => {
    const minutes = minutesDataset();
    const { fitter, calls } = recording(new XgboostMinutesFitter(FIT));
    const projection = await outOfFoldProjection(minutes, 5, fitter);

    expect(calls).toHaveLength(5);
    for (const call of calls) for (const date of call.predictDates) expect(call.fitDates.has(date)).toBe(false);
    const predicted = calls.flatMap((c) => c.predictRowIds).sort((a, b) => a - b);
    expect(predicted).toEqual([...minutes.rowIds]);
    expect(projection.folds.map((f) => f.predictedRows + f.fittedRows)).toEqual(Array(5).fill(minutes.size));
    expect(projection.values.every(Number.isFinite)).toBe(true);
    // A real model: far better than the mean on the rows it never saw.
    const mean = minutes.target.reduce((s, v) => s + v, 0) / minutes.size;
    const mae = (p: (i: number) => number) => minutes.target.reduce((s, v, i) => s + Math.abs(v - p(i)), 0) / minutes.size;
    expect(mae((i) => projection.values[i])).toBeLessThan(0.5 * mae(() => mean));
  });

  it("a block's projections do not move when its own minutes change; the other blocks' do", async () => {
    const minutes = minutesDataset();
    const before = await outOfFoldProjection(minutes, 5, new XgboostMinutesFitter(FIT));
    const held = dateBlocks(minutes.gameDates, 5)[2].rows;
    const target = Float32Array.from(minutes.target);
    for (const row of held) target[row] = 48;
    const after = await outOfFoldProjection({ ...minutes, target, minutes: target }, 5, new XgboostMinutesFitter(FIT));

    const heldSet = new Set(held);
    const moved = (rows: number[]) => rows.filter((i) => before.values[i] !== after.values[i]).length;
    const others = minutes.rowIds.map((_, i) => i).filter((i) => !heldSet.has(i));
    expect(moved(held)).toBe(0);
    expect(moved([...others])).toBeGreaterThan(others.length / 2);
  });
});
