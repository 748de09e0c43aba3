import { InvalidMessageError } from '../errors';
import { parsePredictionJob, PredictionJob } from './prediction-job';

const job: PredictionJob = {
  batchId: 'pb-1',
  jobId: 'pb-1:POINTS:0',
  gameDate: '2024-01-15',
  stat: 'POINTS',
  requests: [
    { playerId: 2544, gameId: '0022300555', line: 25.5, overPrice: -115, underPrice: -105, book: 'draftkings' },
    { playerId: 201939, gameId: '0022300556', line: null, overPrice: null, underPrice: null, book: 'none' },
  ],
};

describe('parsePredictionJob', () => {
  it('accepts a valid job as object or JSON', () => {
    expect(parsePredictionJob(job)).toEqual(job);
    expect(parsePredictionJob(JSON.stringify(job))).toEqual(job);
  });

  it('reports request problems by index', () => {
    const bad = { ...job, stat: 'BLOCKS', requests: [{ ...job.requests[0], gameId: '22300555', overPrice: -110.5 }] };
    let error: unknown;
    try {
      parsePredictionJob(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidMessageError);
    expect((error as InvalidMessageError).issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^stat: /),
        expect.stringMatching(/^requests\[0\]\.gameId: expected a 10-digit NBA game id/),
        expect.stringMatching(/^requests\[0\]\.overPrice: /),
      ]),
    );
  });

  it('rejects an empty request list', () => {
    expect(() => parsePredictionJob({ ...job, requests: [] })).toThrow(/requests: /);
  });
});
