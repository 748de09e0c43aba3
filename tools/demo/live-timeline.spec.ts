import { buildLiveTimeline, type OpeningLine, type OutPlayer, type TimelineGame } from './live-timeline';

const DAY = '2021-05-16';
const OPEN = new Date(`${DAY}T12:00:00Z`);
const games: TimelineGame[] = [
  { gameId: '0022001071', tipoffAt: new Date(`${DAY}T17:00:00Z`) },
  { gameId: '0022001072', tipoffAt: null },
];
const lines: OpeningLine[] = games.flatMap((g, gi) =>
  [1, 2, 3, 4].flatMap((p) => ['points', 'rebounds'].map((stat) => ({ playerId: 100 * (gi + 1) + p, gameId: g.gameId, stat, line: 10.5, overPrice: -110, underPrice: -110, capturedAt: OPEN }))),
);
const outs: OutPlayer[] = [
  { playerId: 7, playerName: 'Out, Player', team: 'BOS', gameId: '0022001071', comment: 'DND - Injury/Illness' },
  { playerId: 8, playerName: 'Not With', team: 'BOS', gameId: '0022001071', comment: 'NWT - Personal' },
  { playerId: 9, playerName: 'Inactive Guy', team: 'NYK', gameId: '0022001072', comment: 'DND - Rest, "sore"' },
];

describe('buildLiveTimeline', () => {
  const events = buildLiveTimeline(DAY, games, lines, outs, { movesPerGame: 3 });

  it('orders every event by time', () => {
    const times = events.map((e) => e.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(events.length).toBeGreaterThan(0);
  });

  it('keeps every event after the opening snapshot and before its game tip-off (23:00 UTC assumed without a time)', () => {
    for (const e of events) {
      const tipoff = e.gameId === '0022001071' ? new Date(`${DAY}T17:00:00Z`) : new Date(`${DAY}T23:00:00Z`);
      expect(e.at.getTime()).toBeLessThan(tipoff.getTime());
      expect(e.at.getTime()).toBeGreaterThan(OPEN.getTime());
    }
    // The 17:00 game's 300-minutes-before move would be at 12:00, the opening snapshot itself: dropped.
    expect(events.filter((e) => e.gameId === '0022001071' && e.kind === 'lines')).toHaveLength(2);
    expect(events.filter((e) => e.gameId === '0022001072' && e.kind === 'lines')).toHaveLength(3);
  });

  it('labels line moves as simulated and reports as box-score derived, in the posted CSV too', () => {
    for (const e of events) {
      if (e.kind === 'lines') {
        expect(e.label).toBe('simulated-line');
        expect(e.csv).toMatch(/,PROXY,/);
      } else expect(e.label).toBe('boxscore-derived-report');
    }
  });

  it('sends one OUT report per team with its real out-before-tip-off players, quoting commas', () => {
    const reports = events.filter((e) => e.kind === 'availability');
    expect(reports.map((e) => e.gameId)).toEqual(['0022001071', '0022001072']);
    expect(reports[0].csv.trim().split('\n').slice(1)).toEqual([
      `7,BOS,0022001071,OUT,DND - Injury/Illness,${reports[0].at.toISOString()}`,
      `8,BOS,0022001071,OUT,NWT - Personal,${reports[0].at.toISOString()}`,
    ]);
    expect(reports[1].csv).toContain('"DND - Rest, ""sore"""');
  });

  it('moves a line by half a point at a shaded price and is the same on every run', () => {
    const move = events.find((e) => e.kind === 'lines')!;
    const [, row] = move.csv.trim().split('\n');
    const [, , , line, over, under] = row.split(',');
    expect([10, 11]).toContain(Number(line));
    expect([over, under].sort()).toEqual(['-105', '-115']);
    expect(buildLiveTimeline(DAY, games, lines, outs, { movesPerGame: 3 })).toEqual(events);
  });

  it('keeps only the --live-from/--live-to window', () => {
    const from = new Date(`${DAY}T20:00:00Z`);
    const to = new Date(`${DAY}T22:00:00Z`);
    const windowed = buildLiveTimeline(DAY, games, lines, outs, { movesPerGame: 3, from, to });
    expect(windowed.length).toBeGreaterThan(0);
    expect(windowed.length).toBeLessThan(events.length);
    for (const e of windowed) expect(e.at >= from && e.at <= to).toBe(true);
  });
});
