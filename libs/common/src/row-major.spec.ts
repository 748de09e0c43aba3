import { appendColumn } from './row-major';

describe('appendColumn', () => {
  it('puts one value last on each row-major row', () => {
    expect([...appendColumn(Float32Array.from([1, 2, 3, 4]), 2, Float32Array.from([9, 8]))]).toEqual([1, 2, 9, 3, 4, 8]);
  });

  it('refuses a value count that does not match the rows', () => {
    expect(() => appendColumn(Float32Array.from([1, 2, 3, 4]), 2, Float32Array.from([9]))).toThrow('2 rows for 1 values');
  });
});
