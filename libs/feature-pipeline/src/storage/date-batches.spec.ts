import { groupDatesByRows } from './date-batches';

describe('groupDatesByRows', () => {
  it('cuts consecutive dates into ranges of about maxRows rows; a big date gets its own range', () => {
    const counts = [
      { date: '2021-01-01', rows: 40 },
      { date: '2021-01-02', rows: 50 },
      { date: '2021-01-03', rows: 20 },
      { date: '2021-01-04', rows: 500 },
      { date: '2021-01-05', rows: 10 },
    ];
    expect(groupDatesByRows(counts, 100)).toEqual([
      { from: '2021-01-01', to: '2021-01-02' },
      { from: '2021-01-03', to: '2021-01-03' },
      { from: '2021-01-04', to: '2021-01-04' },
      { from: '2021-01-05', to: '2021-01-05' },
    ]);
    expect(groupDatesByRows([], 100)).toEqual([]);
  });
});
