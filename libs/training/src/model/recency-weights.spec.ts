import { seasonDecayWeights, seasonOf } from './recency-weights';

describe('seasonOf', () => {
  it('puts games from 12 October on in the season starting that year, earlier ones in the one before', () => {
    expect(seasonOf('2019-10-22')).toBe(2019);
    expect(seasonOf('2020-03-11')).toBe(2019);
    expect(seasonOf('2020-08-14')).toBe(2019); // the 2019-20 bubble restart
    expect(seasonOf('2020-10-11')).toBe(2019); // its last finals game
    expect(seasonOf('2020-12-22')).toBe(2020);
    expect(seasonOf('2021-07-20')).toBe(2020);
  });

  it('refuses a value that is not a date', () => {
    expect(() => seasonOf('yesterday')).toThrow(/not a game date: "yesterday"/);
  });
});

describe('seasonDecayWeights', () => {
  it('weighs the latest season 1 and each older season decay times less', () => {
    const w = seasonDecayWeights(['2018-11-01', '2019-11-01', '2021-01-05', '2020-02-01', '2021-05-01'], 0.5);
    expect(Array.from(w)).toEqual([0.25, 0.5, 1, 0.5, 1]);
  });

  it('gives every row 1 with decay 1 and refuses a decay outside (0, 1]', () => {
    expect(Array.from(seasonDecayWeights(['2012-11-01', '2020-11-01'], 1))).toEqual([1, 1]);
    expect(() => seasonDecayWeights(['2020-11-01'], 0)).toThrow(/recency decay must be in \(0, 1\], got 0/);
    expect(() => seasonDecayWeights(['2020-11-01'], 1.2)).toThrow(RangeError);
  });
});
