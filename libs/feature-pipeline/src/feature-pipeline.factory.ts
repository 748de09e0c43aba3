import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import type { FeatureSet } from '@propcast/features';
import { FeatureCache } from './cache/feature-cache';
import { TrainingRowReader } from './dataset/training-row.repository';
import type { EventPublisher } from './events/event-publisher';
import { PhaseCompletedPublisher } from './events/phase-completed.publisher';
import { resolveFeatureSet } from './feature-sets/feature-set-catalog';
import { HistoryRepository } from './history/history.repository';
import { DEFAULT_FEATURE_PROCESSORS } from './processors/processor-definitions';
import { parseProcessorList, planProcessors, type ProcessorPlan } from './processors/processor-plan';
import { FeatureRun } from './runs/feature-run';
import { TimelineCheckpoints } from './runs/timeline-checkpoints';
import { FeatureReader, type WarnLogger } from './serving/feature-reader';
import { BackfillRepository } from './storage/backfill.repository';
import { FeatureCheckpointRepository } from './storage/feature-checkpoint.repository';
import { FeatureRowRepository } from './storage/feature-row.repository';
import { FeatureSetLock } from './storage/feature-set-lock.repository';
import { FeatureSetRepository } from './storage/feature-set.repository';
import { ProcessorCompletionRepository } from './storage/processor-completion.repository';
import { BackfillUseCase } from './usecases/backfill.usecase';
import { RecomputeDatesUseCase } from './usecases/recompute-dates.usecase';

/** Settings of a feature pipeline; everything but the pool has a default. */
export interface FeaturePipelineOptions {
  pool: Pool;
  /** Redis for the online cache; without it reads go to Postgres and runs invalidate nothing. */
  redis?: Redis | null;
  /** Event bus for phase.completed; without it no event is published. */
  publisher?: EventPublisher | null;
  /** Feature set id or version (`player-props@v1`, `v1`); default player-props@v1. */
  featureSet?: string;
  /** Processor names in any order (FEATURE_PROCESSORS); default every known processor. */
  processors?: string;
  cacheKeyPrefix?: string;
  cacheTtlSeconds?: number;
  rosterGames?: number;
  upcomingHorizonDays?: number;
  /** Dates per write transaction. */
  chunkDates?: number;
  /** Start runs from the nearest checkpoint of the walk's state and save new ones (default true; false replays all history). */
  checkpoints?: boolean;
  /** Newest checkpoints kept per feature set besides one per month. */
  checkpointsKept?: number;
  clock?: () => Date;
  progress?: { quiet?: boolean; stream?: NodeJS.WriteStream };
  logger?: WarnLogger;
  /** Replacements for repositories (tests inject failures here). */
  repositories?: Partial<{ rows: FeatureRowRepository; backfills: BackfillRepository }>;
}

/** The wired feature-store use cases and readers. */
export interface FeaturePipeline {
  featureSet: FeatureSet;
  plan: ProcessorPlan;
  backfill: BackfillUseCase;
  recompute: RecomputeDatesUseCase;
  reader: FeatureReader;
  dataset: TrainingRowReader;
  rows: FeatureRowRepository;
  run: FeatureRun;
}

/** Defaults of the pipeline settings (the service's config uses the same values). */
export const FEATURE_PIPELINE_DEFAULTS = Object.freeze({
  featureSet: 'player-props@v1',
  processors: DEFAULT_FEATURE_PROCESSORS,
  cacheKeyPrefix: 'propcast:',
  cacheTtlSeconds: 86_400,
  rosterGames: 5,
  upcomingHorizonDays: 2,
  chunkDates: 16,
  checkpoints: true,
  checkpointsKept: 4,
});

/** Builds the feature pipeline (repositories, cache, run engine, use cases) over one pg pool. */
export function createFeaturePipeline(opts: FeaturePipelineOptions): FeaturePipeline {
  const o = { ...FEATURE_PIPELINE_DEFAULTS, ...definedOnly(opts) };
  const featureSet = resolveFeatureSet(o.featureSet);
  const plan = planProcessors(parseProcessorList(o.processors), featureSet);
  const clock = opts.clock ?? (() => new Date());
  const history = new HistoryRepository(opts.pool);
  const rows = opts.repositories?.rows ?? new FeatureRowRepository(opts.pool);
  const backfills = opts.repositories?.backfills ?? new BackfillRepository(opts.pool);
  const featureSets = new FeatureSetRepository(opts.pool);
  const cache = opts.redis ? new FeatureCache(opts.redis, { keyPrefix: o.cacheKeyPrefix, ttlSeconds: o.cacheTtlSeconds }) : null;
  const lock = new FeatureSetLock(opts.pool, featureSet.id);
  const run = new FeatureRun({
    pool: opts.pool,
    featureSet,
    plan,
    history,
    rows,
    completions: new ProcessorCompletionRepository(),
    cache,
    events: opts.publisher ? new PhaseCompletedPublisher(opts.publisher) : null,
    rosterGames: o.rosterGames,
    upcomingHorizonDays: o.upcomingHorizonDays,
    checkpoints: o.checkpoints
      ? new TimelineCheckpoints(new FeatureCheckpointRepository(opts.pool), { featureSet, plan, rosterGames: o.rosterGames, upcomingHorizonDays: o.upcomingHorizonDays }, o.checkpointsKept)
      : null,
    clock,
  });
  return {
    featureSet,
    plan,
    run,
    rows,
    backfill: new BackfillUseCase({ featureSet, featureSets, backfills, history, rows, run, lock, chunkDates: o.chunkDates, clock, progress: opts.progress }),
    recompute: new RecomputeDatesUseCase({ featureSet, featureSets, history, rows, run, lock, chunkDates: o.chunkDates, upcomingHorizonDays: o.upcomingHorizonDays, clock }),
    reader: new FeatureReader(featureSet, rows, cache, opts.logger),
    dataset: new TrainingRowReader(opts.pool, rows, featureSet),
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
