import { parsePredictionJob } from '@propcast/contracts';
import { buildRequests, cutIntoJobs, NO_LINE_BOOK, type SlateLine } from './build-jobs';

const line = (playerId: number, stat: SlateLine['stat'], book: string, value: number): SlateLine => ({
  playerId,
  gameId: '0022400001',
  stat,
  book,
  line: value,
  overPrice: -110,
  underPrice: -110,
  capturedAt: '2025-01-10T17:00:00.000Z',
});

describe('buildRequests', () => {
  const entries = [
    { playerId: 7, gameId: '0022400001' },
    { playerId: 3, gameId: '0022400001' },
  ];

  it('makes one request per latest line per book and one no-line request when a player/stat has none', () => {
    const requests = buildRequests(entries, [line(7, 'POINTS', 'fd', 20.5), line(7, 'POINTS', 'dk', 21.5), line(3, 'ASSISTS', 'dk', 4.5)], ['POINTS', 'ASSISTS']);
    expect(requests.get('POINTS')).toEqual([
      { playerId: 3, gameId: '0022400001', line: null, overPrice: null, underPrice: null, book: NO_LINE_BOOK, capturedAt: null },
      expect.objectContaining({ playerId: 7, book: 'dk', line: 21.5 }),
      expect.objectContaining({ playerId: 7, book: 'fd', line: 20.5 }),
    ]);
    expect(requests.get('ASSISTS')?.map((r) => [r.playerId, r.book])).toEqual([
      [3, 'dk'],
      [7, NO_LINE_BOOK],
    ]);
  });

  it('gives the same order whatever order the slate and lines come in', () => {
    const lines = [line(7, 'POINTS', 'fd', 20.5), line(7, 'POINTS', 'dk', 21.5)];
    expect(buildRequests([...entries].reverse(), [...lines].reverse(), ['POINTS'])).toEqual(buildRequests(entries, lines, ['POINTS']));
  });
});

describe('cutIntoJobs', () => {
  it('cuts each stat into jobs of at most jobSize with deterministic ids that satisfy the job contract', () => {
    const requests = buildRequests(
      Array.from({ length: 5 }, (_, i) => ({ playerId: i + 1, gameId: '0022400001' })),
      [],
      ['POINTS', 'REBOUNDS'],
    );
    const jobs = cutIntoJobs('pb-2025-01-10-a0-abc', '2025-01-10', requests, 2);
    expect(jobs.map((j) => [j.jobId, j.requests.length])).toEqual([
      ['pb-2025-01-10-a0-abc.POINTS.0000', 2],
      ['pb-2025-01-10-a0-abc.POINTS.0001', 2],
      ['pb-2025-01-10-a0-abc.POINTS.0002', 1],
      ['pb-2025-01-10-a0-abc.REBOUNDS.0000', 2],
      ['pb-2025-01-10-a0-abc.REBOUNDS.0001', 2],
      ['pb-2025-01-10-a0-abc.REBOUNDS.0002', 1],
    ]);
    for (const job of jobs) expect(parsePredictionJob(job)).toEqual(job);
    expect(cutIntoJobs('pb-x', '2025-01-10', requests, 2)).toHaveLength(6);
  });

  it('rejects a job size that cannot work', () => {
    expect(() => cutIntoJobs('pb-x', '2025-01-10', new Map(), 0)).toThrow(/job size must be a positive integer/);
  });
});
