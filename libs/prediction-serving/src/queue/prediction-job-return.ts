import type { PredictJobResult } from '../usecases/predict-job.usecase';

/** What a finished prediction job returns to BullMQ; the coordinator reads the job's batch from it. */
export type PredictionJobReturn = Pick<PredictJobResult, 'outcome' | 'batchId' | 'succeeded' | 'failed'>;

/** The batch id of a job's return value (BullMQ's `completed` event), or null when it carries none. */
export function batchIdOfReturn(returnValue: unknown): string | null {
  const value = typeof returnValue === 'string' ? safeParse(returnValue) : returnValue;
  if (typeof value !== 'object' || value === null) return null;
  const batchId = (value as { batchId?: unknown }).batchId;
  return typeof batchId === 'string' && batchId.length > 0 ? batchId : null;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
