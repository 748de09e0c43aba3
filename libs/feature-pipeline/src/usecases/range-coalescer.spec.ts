import { affectedRange } from './affected-range';
import { mergeRanges, RangeCoalescer, type DateRange } from './range-coalescer';

describe('affected dates of an ingestion', () => {
  it('prop lines touch their date only; box scores and schedules every later date too', () => {
    expect(affectedRange('PROPS', '2021-01-10')).toEqual({ from: '2021-01-10', to: '2021-01-10' });
    expect(affectedRange('BOX_SCORES', '2021-01-10')).toEqual({ from: '2021-01-10', to: null });
    expect(affectedRange('SCHEDULE', '2021-01-10')).toEqual({ from: '2021-01-10', to: null });
  });
});

describe('RangeCoalescer', () => {
  it('merges requests that arrive during a run into one next run covering all of them', async () => {
    const runs: DateRange[] = [];
    let release: () => void = () => undefined;
    const coalescer = new RangeCoalescer(async (range) => {
      runs.push(range);
      if (runs.length === 1) await new Promise<void>((r) => (release = r));
      return runs.length;
    });
    const first = coalescer.request({ from: '2021-01-10', to: null });
    const second = coalescer.request({ from: '2021-01-12', to: '2021-01-12' });
    const third = coalescer.request({ from: '2021-01-05', to: '2021-01-06' });
    release();
    expect(await Promise.all([first, second, third])).toEqual([1, 2, 2]);
    expect(runs).toEqual([
      { from: '2021-01-10', to: null },
      { from: '2021-01-05', to: '2021-01-12' },
    ]);
  });

  it('rejects the waiters of a failed run and keeps serving later requests', async () => {
    let fail = true;
    const coalescer = new RangeCoalescer(async () => {
      if (fail) throw new Error('boom');
      return 'ok';
    });
    await expect(coalescer.request({ from: '2021-01-01', to: null })).rejects.toThrow('boom');
    fail = false;
    await expect(coalescer.request({ from: '2021-01-01', to: null })).resolves.toBe('ok');
  });

  it('merges open-ended ranges as open-ended', () => {
    expect(mergeRanges({ from: '2021-01-02', to: '2021-01-03' }, { from: '2021-01-01', to: null })).toEqual({ from: '2021-01-01', to: null });
  });
});
