import { batchIdOfReturn } from './prediction-job-return';

describe('batchIdOfReturn', () => {
  it('reads the batch id of a parsed or serialized return value', () => {
    expect(batchIdOfReturn({ outcome: 'done', batchId: 'pb-2025-01-10-a0-abcdef', succeeded: 3, failed: 0 })).toBe('pb-2025-01-10-a0-abcdef');
    expect(batchIdOfReturn(JSON.stringify({ outcome: 'skipped', batchId: 'pb-x' }))).toBe('pb-x');
  });

  it('answers null for a return value without a batch id', () => {
    expect(batchIdOfReturn(undefined)).toBeNull();
    expect(batchIdOfReturn('not json')).toBeNull();
    expect(batchIdOfReturn({ batchId: '' })).toBeNull();
    expect(batchIdOfReturn({ batchId: 7 })).toBeNull();
  });
});
