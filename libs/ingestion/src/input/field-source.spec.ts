import { ArrayFields, LineFields, plainWholeNumber } from './field-source';

describe('field sources', () => {
  it('reads plain whole numbers without allocating, NaN otherwise', () => {
    expect(plainWholeNumber('x12y', 1, 3)).toBe(12);
    expect(plainWholeNumber('7.000', 0, 5)).toBe(7);
    for (const s of ['', '7.5', '-3', ' 7', 'abc', '1234567890']) expect(plainWholeNumber(s, 0, s.length)).toBeNaN();
  });

  it('splits a line in place and slices only the fields asked for', () => {
    const text = 'junk\n2544,LeBron James,,35.0\nmore';
    const line = new LineFields().reset(text, 5, 28, 2);
    expect([line.get(0), line.get(1), line.get(2), line.get(3), line.get(4)]).toEqual(['2544', 'LeBron James', '', '35.0', undefined]);
    expect(line.wholeNumber(3)).toBe(35);
    expect(line.wholeNumber(1)).toBeNaN();
    expect(line.toArray()).toEqual(['2544', 'LeBron James', '', '35.0']);
  });

  it('reads JSON values as they are', () => {
    const fields = new ArrayFields(3, [12, '7', 2.5, null, -1]);
    expect([0, 1, 2, 3, 4].map((i) => fields.wholeNumber(i))).toEqual([12, 7, NaN, NaN, NaN]);
    expect(fields.get(3)).toBeNull();
  });
});
