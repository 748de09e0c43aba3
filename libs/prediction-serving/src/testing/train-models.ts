import { ALL_STATS, type ModelTarget, type StatType } from '@propcast/contracts';
import type { ArtifactStore } from '@propcast/artifact-store';
import type { PrismaClient } from '@propcast/db';
import { FeatureSetV1 } from '@propcast/features';
import type { ModelRecord } from '@propcast/model-registry';
import {
  createTrainingServices,
  defaultTrainingSettings,
  type EventPublisher,
  type MinutesProjectionSettings,
  type PlayerGameRowQuery,
  type PlayerGameRows,
  type PlayerGameRowSource,
} from '@propcast/training';
import type { Pool } from 'pg';
import { seededRandom } from '@propcast/common';
import { featureVector, outcome, playerLevels } from './synthetic-world';

/** History the synthetic trainer reads: `days` dates of `playersPerDay` player-games before `until`. */
export interface SyntheticHistory {
  until: string;
  days?: number;
  playersPerDay?: number;
  seed?: number;
}

/** Training rows in player-props@v1 layout with all five targets, as the trainer's dataset source returns them. */
export function syntheticRows(history: SyntheticHistory, query: Pick<PlayerGameRowQuery, 'featureSetId' | 'featureNames'>): PlayerGameRows {
  const days = history.days ?? 40;
  const perDay = history.playersPerDay ?? 40;
  const random = seededRandom(history.seed ?? 7);
  const players = Array.from({ length: perDay * 2 }, () => playerLevels(random));
  const size = days * perDay;
  const width = query.featureNames.length;
  const end = Date.parse(`${history.until}T00:00:00Z`);
  const rows: PlayerGameRows = {
    featureSetId: query.featureSetId,
    featureNames: query.featureNames,
    window: { from: isoDay(end - days * 86_400_000), to: isoDay(end - 86_400_000) },
    size,
    rowIds: new Float64Array(size),
    playerIds: new Int32Array(size),
    gameIds: new Array<string>(size),
    gameDates: new Array<string>(size),
    minutes: new Float32Array(size),
    features: new Float32Array(size * width),
    targets: Object.fromEntries(ALL_STATS.map((s) => [s, new Float32Array(size)])) as Record<StatType, Float32Array>,
    lines: Object.fromEntries(ALL_STATS.map((s) => [s, new Float32Array(size).fill(NaN)])) as Record<StatType, Float32Array>,
  };
  for (let i = 0; i < size; i++) {
    const day = Math.floor(i / perDay);
    const playerIndex = (i % perDay) * 2 + (day % 2);
    const levels = players[playerIndex];
    rows.rowIds[i] = i + 1;
    rows.playerIds[i] = 1000 + playerIndex;
    rows.gameIds[i] = `00223${String(day * 100 + Math.floor((i % perDay) / 10)).padStart(5, '0')}`;
    rows.gameDates[i] = isoDay(end - (days - day) * 86_400_000);
    rows.minutes[i] = levels.minutes;
    rows.features.set(featureVector(levels, random), i * width);
    for (const stat of ALL_STATS) rows.targets[stat][i] = outcome(levels, stat, random);
  }
  return rows;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Infrastructure the trainer needs. */
export interface TrainerDeps {
  prisma: PrismaClient;
  pool: Pool;
  store: ArtifactStore;
  /** Receives model.promoted; default: nowhere. */
  events?: EventPublisher;
}

/**
 * Trains real models with the trainer's own use cases (budgeted XGBoost search, ONNX export with parity check,
 * probability model, metadata.json, registry, gate) on synthetic rows, then makes each the production primary.
 */
export function createSyntheticTrainer(deps: TrainerDeps, history: SyntheticHistory, options: { minutesProjection?: MinutesProjectionSettings | null } = {}) {
  const source: PlayerGameRowSource = { read: async (query) => syntheticRows(history, query) };
  const services = createTrainingServices({
    prisma: deps.prisma,
    pool: deps.pool,
    store: deps.store,
    events: deps.events ?? { publish: async () => 'unpublished' },
    settings: defaultTrainingSettings({
      minRowsPerSplit: 100,
      minutesProjection: options.minutesProjection ?? null,
      probability: { minRowsPerBucket: 60, maxBuckets: 4, crossFitFolds: 3 },
      model: { objectives: ['reg:squarederror'], maxTrials: 1, maxRounds: 30, earlyStoppingRounds: 5, subsampleRows: 10_000, nthread: 1 },
    }),
    gate: { minMaeImprovement: 0, autoPromote: false },
    leaseMs: 60_000,
    defaultBudgetMinutes: 1,
    drift: { maxPsi: 0.25, maxMaeRatio: 1.5 },
    source,
  });

  /** Trains one new version per stat and returns the registry rows (CANDIDATE or STAGING: the gate does not promote). */
  async function train(stats: readonly ModelTarget[]): Promise<ModelRecord[]> {
    const started = await services.startTraining.execute({ stats, trigger: 'manual', budgetMinutes: 0.2, window: { from: '2000-01-01', to: history.until } });
    const outcomes = await started.completion;
    const failed = outcomes.find((o) => !o.ok);
    if (failed && !failed.ok) throw failed.error;
    return outcomes.flatMap((o) => (o.ok ? [o.result.model] : []));
  }

  /** Trains and promotes one production primary per stat. */
  async function trainProduction(stats: readonly ModelTarget[] = ALL_STATS): Promise<ModelRecord[]> {
    const models = await train(stats);
    return Promise.all(models.map(async (m) => (await services.promote.execute({ modelId: m.id, actor: 'test', reason: 'synthetic test model' })).model));
  }

  return { services, train, trainProduction, featureSet: FeatureSetV1 };
}
