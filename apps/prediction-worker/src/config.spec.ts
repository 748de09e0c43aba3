import { loadPredictionWorkerConfig } from './config';

describe('prediction-worker configuration', () => {
  it('has working defaults', () => {
    expect(loadPredictionWorkerConfig({})).toMatchObject({
      PORT: 3005,
      WORKER_CONCURRENCY: 4,
      MODEL_CACHE_SIZE: 16,
      MIN_EDGE: 0.03,
      MIN_CONFIDENCE: 0.05,
      KELLY_FRACTION: 0.25,
      KELLY_CAP: 0.05,
      MIN_GAMES: 10,
      STALE_LINE_MINUTES: 180,
      QUEUE_PREFIX: 'bull',
      WORKER_INSTANCE: expect.stringMatching(/^[A-Za-z0-9._-]+-\d+$/),
    });
  });

  it('names values out of range', () => {
    expect(() => loadPredictionWorkerConfig({ KELLY_CAP: '2' })).toThrow(/KELLY_CAP is malformed: "2"/);
    expect(() => loadPredictionWorkerConfig({ WORKER_CONCURRENCY: 'many' })).toThrow(/WORKER_CONCURRENCY is malformed/);
    expect(() => loadPredictionWorkerConfig({ WORKER_INSTANCE: 'a b' })).toThrow(/WORKER_INSTANCE is malformed/);
  });
});
