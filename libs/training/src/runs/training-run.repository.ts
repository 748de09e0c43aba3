import type { ModelTarget } from '@propcast/contracts';
import type { Prisma, PrismaClient } from '@propcast/db';
import { TrainingRunNotFoundError } from '../errors';

export type TrainingRunStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';

/** A training run as stored in training_runs. */
export interface TrainingRunRecord {
  id: string;
  stat: ModelTarget;
  status: TrainingRunStatus;
  trigger: string;
  /** The API key name that asked for the run; null for events, schedules and the CLI. */
  actor: string | null;
  params: unknown;
  progress: number;
  progressMessage: string | null;
  trials: unknown;
  error: string | null;
  modelId: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

type RunRow = Awaited<ReturnType<PrismaClient['trainingRun']['findFirstOrThrow']>>;
const toRecord = (row: RunRow): TrainingRunRecord => ({ ...row, stat: row.stat as ModelTarget });

/** Reads and writes training_runs: creation, progress, trials, success and failure. */
export class TrainingRunRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Records a new run (QUEUED until it starts working). */
  async create(run: { id: string; stat: ModelTarget; trigger: string; actor?: string | null; params: object }): Promise<TrainingRunRecord> {
    return toRecord(await this.prisma.trainingRun.create({ data: { ...run, params: run.params as Prisma.InputJsonValue, status: 'QUEUED' } }));
  }

  /** A run by id; throws TrainingRunNotFoundError. */
  async get(id: string): Promise<TrainingRunRecord> {
    const row = await this.prisma.trainingRun.findUnique({ where: { id } });
    if (!row) throw new TrainingRunNotFoundError(`no training run with id "${id}"`);
    return toRecord(row);
  }

  /** Recent runs, newest first. */
  async list(filter: { stat?: ModelTarget; limit?: number } = {}): Promise<TrainingRunRecord[]> {
    const rows = await this.prisma.trainingRun.findMany({ where: { stat: filter.stat }, orderBy: { startedAt: 'desc' }, take: filter.limit ?? 50 });
    return rows.map(toRecord);
  }

  /** Marks the run RUNNING with a progress fraction (0..1) and message. */
  async progress(id: string, progress: number, message: string): Promise<void> {
    await this.prisma.trainingRun.update({ where: { id }, data: { status: 'RUNNING', progress: Math.min(1, Math.max(0, progress)), progressMessage: message } });
  }

  /** Stores the trial log of the hyper-parameter search. */
  async trials(id: string, trials: readonly object[]): Promise<void> {
    await this.prisma.trainingRun.update({ where: { id }, data: { trials: trials as Prisma.InputJsonValue } });
  }

  /** Marks the run SUCCEEDED with the candidate it produced. */
  async succeed(id: string, modelId: string, message: string): Promise<void> {
    await this.prisma.trainingRun.update({ where: { id }, data: { status: 'SUCCEEDED', progress: 1, progressMessage: message, modelId, finishedAt: new Date() } });
  }

  /** Marks the run FAILED with its error. */
  async fail(id: string, error: string): Promise<void> {
    await this.prisma.trainingRun.update({ where: { id }, data: { status: 'FAILED', error, finishedAt: new Date() } });
  }

  /** Marks a run whose lease was taken over as FAILED, unless it already finished. */
  async failAbandoned(id: string, error: string): Promise<void> {
    await this.prisma.trainingRun.updateMany({ where: { id, status: { in: ['QUEUED', 'RUNNING'] } }, data: { status: 'FAILED', error, finishedAt: new Date() } });
  }
}
