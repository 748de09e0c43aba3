import { withPgTransaction } from '@propcast/db';
import type { PredictionJob } from '@propcast/contracts';
import type { Queue } from 'bullmq';
import type { Pool } from 'pg';
import type { BatchRepository } from '../batches/batch.repository';
import { BatchNotFoundError } from '../errors';
import { servingMetrics } from '../metrics';
import { enqueuePredictionJobs } from '../queue/prediction-queue';
import { buildRequests, cutIntoJobs } from '../slate/build-jobs';
import type { SlateRepository } from '../slate/slate.repository';

/** Slate and job sizing of a fan-out. */
export interface FanOutOptions {
  /** Feature set whose rows define the slate (players with a row for the date). */
  featureSetId: string;
  /** Requests per BullMQ job. */
  jobSize: number;
}

/** Fan out one PENDING batch. */
export interface FanOutCommand {
  batchId: string;
}

/** Jobs this call created (0 when the batch had already been fanned out); `empty` when the slate had no request. */
export interface FanOutResult {
  batchId: string;
  jobs: number;
  requests: number;
  empty: boolean;
}

/** The repositories FanOutUseCase uses (createServingRepositories() in services, in-memory ones in unit tests). */
export interface FanOutRepositories {
  batches: Pick<BatchRepository, 'findById' | 'markEmpty' | 'startJobs'>;
  slate: Pick<SlateRepository, 'entries' | 'latestLines'>;
}

/**
 * Turns a PENDING batch into jobs: reads the slate (players with a scheduled game and a feature row; every stat of
 * the batch; one request per latest line per book, or one without a line), cuts it into jobs of `jobSize` with
 * deterministic ids, stores them and marks the batch RUNNING in one transaction under the batch row lock (a second
 * fan-out of the same batch waits, then finds it RUNNING and does nothing), then enqueues them. Should the enqueue
 * fail, the stored jobs stay QUEUED and the sweep enqueues them. A slate without a single request marks the batch
 * EMPTY: nothing to predict is not a COMPLETED game day.
 */
export class FanOutUseCase {
  constructor(
    private readonly pool: Pool,
    private readonly repositories: FanOutRepositories,
    private readonly queue: Queue<PredictionJob>,
    private readonly options: FanOutOptions,
  ) {}

  /** Fans out the batch if it is still PENDING; returns the jobs and requests it created. */
  async execute(command: FanOutCommand): Promise<FanOutResult> {
    const jobs = await withPgTransaction(this.pool, async (client) => {
      const batch = await this.repositories.batches.findById(client, command.batchId, true);
      if (!batch) throw new BatchNotFoundError(command.batchId);
      if (batch.state !== 'PENDING') return null;
      const query = { gameDate: batch.gameDate, featureSetId: this.options.featureSetId, stats: batch.stats, playerIds: batch.playerIds };
      const entries = await this.repositories.slate.entries(client, query);
      const lines = await this.repositories.slate.latestLines(client, query);
      const planned = cutIntoJobs(batch.id, batch.gameDate, buildRequests(entries, lines, batch.stats), this.options.jobSize);
      if (planned.length === 0) await this.repositories.batches.markEmpty(client, batch.id);
      else await this.repositories.batches.startJobs(client, batch.id, planned);
      return planned;
    });
    if (!jobs) return { batchId: command.batchId, jobs: 0, requests: 0, empty: false };
    if (jobs.length === 0) {
      servingMetrics.batchesFinished.inc({ state: 'EMPTY' });
      return { batchId: command.batchId, jobs: 0, requests: 0, empty: true };
    }
    await enqueuePredictionJobs(this.queue, jobs);
    return { batchId: command.batchId, jobs: jobs.length, requests: jobs.reduce((n, j) => n + j.requests.length, 0), empty: false };
  }
}
