import { z } from 'zod';
import { newBatchId, predictionJobId, readyEventId } from './ids';

describe('ids', () => {
  it('names batches by date and attempt, never twice the same', () => {
    expect(newBatchId('2025-01-10', 2)).toMatch(/^pb-2025-01-10-a2-[0-9a-f]{6}$/);
    expect(newBatchId('2025-01-10', 0)).not.toBe(newBatchId('2025-01-10', 0));
  });

  it('derives job ids without ":" and finds the batch back', () => {
    const id = predictionJobId('pb-2025-01-10-a0-abcdef', 'THREES', 12);
    expect(id).toBe('pb-2025-01-10-a0-abcdef.THREES.0012');
    expect(id).not.toContain(':');
  });

  it('gives each batch one stable, valid event id for predictions.ready', () => {
    const id = readyEventId('pb-2025-01-10-a0-abcdef');
    expect(z.uuid().safeParse(id).success).toBe(true);
    expect(readyEventId('pb-2025-01-10-a0-abcdef')).toBe(id);
    expect(readyEventId('pb-2025-01-10-a1-abcdef')).not.toBe(id);
  });
});
