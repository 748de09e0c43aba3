import { proxyLine } from './proxy-line';

describe('proxyLine', () => {
  it('is the nearest x.5 to the season average (never an integer, so no push)', () => {
    expect(proxyLine(22.3)).toBe(22.5);
    expect(proxyLine(22.9)).toBe(22.5);
    expect(proxyLine(22)).toBe(22.5);
    expect(proxyLine(0)).toBe(0.5);
  });

  it('is NaN without history', () => {
    expect(proxyLine(null)).toBeNaN();
    expect(proxyLine(undefined)).toBeNaN();
    expect(proxyLine(Number.NaN)).toBeNaN();
  });
});
