import { DEFAULT_LIVE_SPEED, instantOf, parseDemoOptions } from './demo-options';

describe('parseDemoOptions', () => {
  it('defaults to v3 with the minutes projection, no live replay', () => {
    expect(parseDemoOptions([])).toEqual({
      day: '2021-05-16',
      keep: false,
      retrain: false,
      featureSet: 'v3',
      minutesProjection: true,
      live: false,
      speed: DEFAULT_LIVE_SPEED,
      liveFrom: null,
      liveTo: null,
    });
  });

  it('reads every option', () => {
    const o = parseDemoOptions([
      '--day',
      '2021-05-01',
      '--keep',
      '--retrain',
      '--feature-set',
      'v2',
      '--no-minutes-projection',
      '--live',
      '--speed',
      '60',
      '--live-from',
      '18:00',
      '--live-to',
      '22:30',
    ]);
    expect(o).toEqual({ day: '2021-05-01', keep: true, retrain: true, featureSet: 'v2', minutesProjection: false, live: true, speed: 60, liveFrom: '18:00', liveTo: '22:30' });
  });

  it('serves v1 without a minutes model (the demo as it was)', () => {
    expect(parseDemoOptions(['--feature-set', 'v1'])).toMatchObject({ featureSet: 'v1', minutesProjection: false });
  });

  it('returns null for --help', () => {
    expect(parseDemoOptions(['--keep', '--help'])).toBeNull();
  });

  it.each([
    [['--feature-set', 'v4'], '--feature-set must be v1, v2 or v3, got "v4"'],
    [['--feature-set'], '--feature-set needs a value'],
    [['--day', '16/05/2021'], '--day must be YYYY-MM-DD, got "16/05/2021"'],
    [['--live', '--speed', '0'], '--speed must be a positive number, got "0"'],
    [['--live', '--speed', 'fast'], '--speed must be a positive number, got "fast"'],
    [['--live', '--live-from', '7pm'], '--live-from must be HH:MM (UTC), got "7pm"'],
    [['--live', '--live-from', '20:00', '--live-to', '19:00'], '--live-from 20:00 must be before --live-to 19:00'],
    [['--speed', '10'], '--speed, --live-from and --live-to go with --live'],
    [['--bogus'], 'unknown option --bogus'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseDemoOptions(argv)).toThrow(message);
  });

  it('turns HH:MM into the UTC instant of the day', () => {
    expect(instantOf('2021-05-16', '18:30')?.toISOString()).toBe('2021-05-16T18:30:00.000Z');
    expect(instantOf('2021-05-16', null)).toBeUndefined();
  });
});
