import { Queue, type ConnectionOptions, type DefaultJobOptions } from 'bullmq';
import { QueueNames, type PredictionJob } from '@propcast/contracts';
import type { Redis } from 'ioredis';
import { servingMetrics } from '../metrics';

/** Where the prediction queue lives and how its jobs retry. */
export interface PredictionQueueOptions {
  redisUrl: string;
  /** BullMQ key prefix (default `bull`: keys `bull:predictions:*`, which the KEDA scaler watches). */
  prefix?: string;
  /** Queue name (default `predictions`); tests use unique names. */
  queueName?: string;
  /** Attempts per job before it counts as failed (default 5). */
  attempts?: number;
  /** First retry delay; doubles on every further attempt (default 1000 ms). */
  backoffMs?: number;
}

/**
 * Connection options for BullMQ from a redis:// or rediss:// URL. `maxRetriesPerRequest: null` keeps commands
 * waiting through a Redis restart instead of failing them (BullMQ requires it for workers).
 */
export function bullConnection(redisUrl: string): ConnectionOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
  };
}

/**
 * Explicit job defaults: retries with exponential backoff, completed jobs kept for an hour (bounded), failed jobs
 * kept as evidence (`removeOnFail: false`) and reported on the batch.
 */
export function predictionJobDefaults(opts: Pick<PredictionQueueOptions, 'attempts' | 'backoffMs'>): DefaultJobOptions {
  return {
    attempts: opts.attempts ?? 5,
    backoff: { type: 'exponential', delay: opts.backoffMs ?? 1000 },
    removeOnComplete: { age: 3600, count: 5000 },
    removeOnFail: false,
  };
}

/** Resolved queue name of the options. */
export function predictionQueueName(opts: Pick<PredictionQueueOptions, 'queueName'>): string {
  return opts.queueName ?? QueueNames.predictions;
}

/** Opens the producer side of the prediction queue with the explicit job defaults. */
export function openPredictionQueue(opts: PredictionQueueOptions): Queue<PredictionJob> {
  return new Queue<PredictionJob>(predictionQueueName(opts), {
    connection: bullConnection(opts.redisUrl),
    prefix: opts.prefix,
    defaultJobOptions: predictionJobDefaults(opts),
  });
}

/** Enqueues jobs under their deterministic ids: a job id already in the queue is left as it is. */
export async function enqueuePredictionJobs(queue: Queue<PredictionJob>, jobs: readonly PredictionJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await queue.addBulk(jobs.map((job) => ({ name: job.stat, data: job, opts: { jobId: job.jobId } })));
}

/** Job ids checked per Redis pipeline round trip. */
const EXISTS_CHUNK = 1000;

/**
 * The ids among `jobIds` the queue does not hold in any state (their job hash is gone: never added, or Redis lost
 * its data). One pipelined EXISTS per id, in round trips of a thousand.
 */
export async function jobIdsMissingFromQueue(queue: Queue, jobIds: readonly string[]): Promise<string[]> {
  // BullMQ types its client as Redis | Cluster; both pipeline EXISTS the same way.
  const client = (await queue.client) as unknown as Redis;
  const missing: string[] = [];
  for (let i = 0; i < jobIds.length; i += EXISTS_CHUNK) {
    const chunk = jobIds.slice(i, i + EXISTS_CHUNK);
    const pipeline = client.pipeline();
    for (const id of chunk) pipeline.exists(queue.toKey(id));
    const results = (await pipeline.exec()) ?? [];
    chunk.forEach((id, k) => {
      const [error, exists] = results[k] ?? [new Error('no reply'), 0];
      if (error) throw error;
      if (exists === 0) missing.push(id);
    });
  }
  return missing;
}

const GAUGED_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;

/** Refreshes the queue-depth gauges: jobs per state and the age of the oldest waiting job. */
export async function collectQueueMetrics(queue: Queue): Promise<void> {
  const counts = await queue.getJobCounts(...GAUGED_STATES);
  for (const state of GAUGED_STATES) servingMetrics.queueJobs.set({ queue: queue.name, state }, counts[state] ?? 0);
  const [oldest] = await queue.getJobs(['waiting'], 0, 0, true);
  servingMetrics.queueOldestWaitingAge.set({ queue: queue.name }, oldest ? Math.max(0, (Date.now() - oldest.timestamp) / 1000) : 0);
}
