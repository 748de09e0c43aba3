import type { Pool } from 'pg';
import { GameDate, seededRandom } from '@propcast/common';
import { encodeFeatureValues } from '@propcast/features';
import { formatBacktestTable } from './backtest-report';
import { RunBacktestUseCase, type BacktestProp, type BacktestRequest } from './run-backtest.usecase';
import { dateBlocks } from '@propcast/common';
import { MINUTES_PROJECTION_FEATURE } from '@propcast/contracts';
import { WalkForwardMinutes, type MinutesProjectionOptions } from './walk-forward-minutes';
import { createGradingRepositories } from '../composition/grading-repositories';

const START = '2024-01-01';
const DAYS = 70;
const PLAYERS = 40;
const NAMES = ['f0', 'f1', 'f2', 'points_season_avg'];
const SET = 'test-set@1';

interface SyntheticRow {
  date: string;
  gameId: string;
  playerId: number;
  values: Float32Array;
  minutes: number;
  pts: number;
}

/** A league whose points follow minutes, and minutes the first two features. */
function league(): SyntheticRow[] {
  const random = seededRandom(5);
  const rows: SyntheticRow[] = [];
  for (let d = 0; d < DAYS; d++) {
    const date = GameDate.addDays(START, d);
    for (let p = 0; p < PLAYERS; p++) {
      const f0 = random();
      const f1 = random();
      const minutes = Math.round(8 + 28 * f0 + 6 * f1 + 3 * random());
      const pts = Math.round(0.5 * minutes + 4 * random());
      rows.push({ date, gameId: `G${d}-${p % 4}`, playerId: 100 + p, values: Float32Array.of(f0, f1, random(), 15.2), minutes, pts });
    }
  }
  return rows;
}

/** Answers the three queries of BacktestDataRepository and featureSetNames from memory. */
function fakePool(rows: readonly SyntheticRow[]): Pool {
  const query = async (q: string | { text: string; values: unknown[] }, values?: unknown[]) => {
    const text = typeof q === 'string' ? q : q.text;
    const args = typeof q === 'string' ? (values ?? []) : q.values;
    if (text.includes('FROM feature_sets')) return { rows: [{ feature_names: NAMES }] };
    if (text.includes('FROM prop_lines')) return { rows: [] };
    if (text.includes('FROM feature_rows')) {
      const [, from, to] = args as [string, string, string];
      return {
        rows: rows
          .filter((r) => r.date >= from && r.date <= to)
          .map((r) => [r.date, r.gameId, r.playerId, new Date(`${r.date}T23:00:00Z`), null, encodeFeatureValues(r.values), false, r.minutes, r.pts, 0, 0, 0]),
      };
    }
    throw new Error(`unexpected query ${text}`);
  };
  return { query } as unknown as Pool;
}

const REQUEST: BacktestRequest = {
  from: GameDate.addDays(START, 40),
  to: GameDate.addDays(START, DAYS - 1),
  stats: 'POINTS',
  strategies: ['ev/flat'],
  retrainEveryDays: 10,
  trainWindowDays: 60,
  minTrainRows: 200,
  featureSetId: SET,
  model: { params: { nthread: 1 }, rounds: 20, calibrationShare: 0.3, probability: { residual: { minRowsPerBucket: 50 }, calibration: { minBlockSize: 30 } } },
  minutesProjection: { folds: 4, rounds: 20 },
};

async function run(rows: readonly SyntheticRow[], request = REQUEST): Promise<{ props: BacktestProp[]; report: Awaited<ReturnType<RunBacktestUseCase['execute']>> }> {
  const props: BacktestProp[] = [];
  const report = await new RunBacktestUseCase(createGradingRepositories(fakePool(rows))).execute(request, { onDay: (d) => props.push(...d.props) });
  return { props, report };
}

describe('walk-forward minutes projection in the backtest (real XGBoost fits)', () => {
  it('cuts training rows into contiguous blocks of whole dates, every row once', () => {
    const dates = Array.from({ length: 10 }, (_, d) => GameDate.addDays(START, d)).flatMap((date, d) => Array<string>(d === 3 ? 30 : 10).fill(date));
    const blocks = dateBlocks(dates, 4).map((b) => b.rows);
    expect(blocks).toHaveLength(4);
    expect(blocks.flat().sort((a, b) => a - b)).toEqual(dates.map((_, i) => i));
    for (let b = 1; b < blocks.length; b++) expect(dates[blocks[b][0]] > dates[blocks[b - 1][blocks[b - 1].length - 1]]).toBe(true);
    expect(() => dateBlocks(dates.slice(0, 10), 2)).toThrow('1 game dates cannot make 2 date blocks');
  });

  it("an out-of-fold projection does not move when its own block's minutes change; the others' do", () => {
    const rows = league().filter((r) => r.date < GameDate.addDays(START, 20));
    const set = (minutes: (r: SyntheticRow) => number) => ({
      features: Float32Array.from(rows.flatMap((r) => [...r.values])),
      ncol: NAMES.length,
      minutes: Float32Array.from(rows, minutes),
      dates: rows.map((r) => r.date),
    });
    const options: MinutesProjectionOptions = { folds: 4, params: { objective: 'reg:squarederror', max_depth: 3, eta: 0.3, nthread: 1, seed: 1, verbosity: 0 }, rounds: 20 };
    const before = WalkForwardMinutes.fit(
      set((r) => r.minutes),
      options,
    );
    const held = new Set(
      dateBlocks(
        rows.map((r) => r.date),
        4,
      )[1].rows,
    );
    const after = WalkForwardMinutes.fit(
      set((r) => (held.has(rows.indexOf(r)) ? 48 : r.minutes)),
      options,
    );
    try {
      const moved = (idx: number[]) => idx.filter((i) => before.outOfFold[i] !== after.outOfFold[i]).length;
      const all = rows.map((_, i) => i);
      expect(moved(all.filter((i) => held.has(i)))).toBe(0);
      expect(moved(all.filter((i) => !held.has(i)))).toBeGreaterThan((rows.length - held.size) / 2);
      expect(before.trainTo).toBe(GameDate.addDays(START, 19));
    } finally {
      before.dispose();
      after.dispose();
    }
  });

  it('feeds the stat model a projection learnt only from earlier days: changing the minutes of day 55 on moves nothing before 55', async () => {
    const rows = league();
    const first = await run(rows);
    expect(first.report.settings.minutesProjection).toMatchObject({ folds: 4, rounds: 20 });
    expect(first.report.leakage).toEqual({ modelFromFuture: 0, lineAfterCutoff: 0, minutesFromFuture: 0 });
    for (const m of first.report.models) expect(m.minutesTrainTo! < m.trainedOn).toBe(true);
    expect(first.props.length).toBe(30 * PLAYERS);
    expect(formatBacktestTable(first.report)).toContain(`on feature set ${SET} + minutes projection:`);
    expect(formatBacktestTable(first.report)).toContain('0 rows given a minutes projection by a model fitted on their date or later');

    const cut = GameDate.addDays(START, 55);
    const poisoned = rows.map((r) => (r.date >= cut ? { ...r, minutes: 48 - r.minutes } : r));
    const second = await run(poisoned);
    const key = (p: BacktestProp) => `${p.date}:${p.playerId}`;
    const before = new Map(first.props.map((p) => [key(p), p]));
    expect(second.props.length).toBe(first.props.length);
    for (const p of second.props) {
      // days before the poisoned ones see exactly the same projections and means
      if (p.date < cut) expect(p.predicted).toBe(before.get(key(p))!.predicted);
    }
    // the next retrain (day 60) learns from the changed minutes: its projections, and so its means, move
    expect(second.props.some((p) => p.date >= GameDate.addDays(START, 60) && p.predicted !== before.get(key(p))!.predicted)).toBe(true);
  });

  it('the projection is a real input: without it the means differ', async () => {
    const rows = league();
    const withProjection = await run(rows);
    const without = await run(rows, { ...REQUEST, minutesProjection: false });
    expect(without.report.settings.minutesProjection).toBeNull();
    expect(without.report.leakage).toEqual({ modelFromFuture: 0, lineAfterCutoff: 0 });
    expect(without.props.some((p, i) => p.predicted !== withProjection.props[i].predicted)).toBe(true);
    expect(MINUTES_PROJECTION_FEATURE).toBe('minutes_projection');
  });
});
