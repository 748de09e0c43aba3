import type { ModelTarget } from '@propcast/contracts';
import type { Prisma, PrismaClient } from '@propcast/db';
import { InvalidModelTransitionError, ModelNotFoundError } from './errors';
import { lockStat } from './stat-lock.repository';
import type { ModelChange, ModelEventRecord, ModelHistory, ModelRecord, ModelRole, ModelStatus, NewModel, ServingModel, ServingSet } from './model-registry.types';

type ModelRow = Awaited<ReturnType<PrismaClient['model']['findFirstOrThrow']>>;
type EventRow = Awaited<ReturnType<PrismaClient['modelEvent']['findFirstOrThrow']>>;

const day = (d: Date) => d.toISOString().slice(0, 10);

function toRecord(row: ModelRow): ModelRecord {
  return { ...row, stat: row.stat as ModelTarget, trainFrom: day(row.trainFrom), trainTo: day(row.trainTo) };
}

function toEvent(row: EventRow): ModelEventRecord {
  return { ...row, id: row.id.toString(), stat: row.stat as ModelTarget };
}

/** The serving view of a registry row. */
export function toServingModel(m: ModelRecord): ServingModel {
  return {
    id: m.id,
    stat: m.stat,
    version: m.version,
    role: m.role,
    trafficWeight: m.trafficWeight,
    artifactUri: m.artifactUri,
    artifactSha256: m.artifactSha256,
    nativeUri: m.nativeUri,
    metadataUri: m.metadataUri,
    featureSetId: m.featureSetId,
    featureNames: m.featureNames,
    objective: m.objective,
    promotedAt: m.promotedAt,
  };
}

/** Groups production models into primary, challengers and shadows. */
export function servingSetOf(stat: ModelTarget, production: readonly ModelRecord[]): ServingSet {
  const serving = production.filter((m) => m.status === 'PRODUCTION').sort((a, b) => b.version - a.version);
  const primary = serving.find((m) => m.role === 'PRIMARY');
  return {
    stat,
    primary: primary ? toServingModel(primary) : null,
    challengers: serving.filter((m) => m.role === 'CHALLENGER').map(toServingModel),
    shadows: serving.filter((m) => m.role === 'SHADOW').map(toServingModel),
  };
}

/**
 * Prisma-backed model registry. Every state change goes through `change()`, which serialises changes of a stat
 * (advisory lock), applies them and appends one model_events row each (all stamped with one database time),
 * in one transaction.
 */
export class ModelRegistry {
  constructor(private readonly prisma: PrismaClient) {}

  /** The next version number of a stat (1 for the first model). */
  async nextVersion(stat: ModelTarget): Promise<number> {
    const { _max } = await this.prisma.model.aggregate({ where: { stat }, _max: { version: true } });
    return (_max.version ?? 0) + 1;
  }

  /** Registers a CANDIDATE and appends its `register` event. */
  async register(model: NewModel, actor: string): Promise<ModelRecord> {
    return this.prisma.$transaction(async (tx) => {
      const at = await lockStat(tx, model.stat);
      const row = await tx.model.create({
        data: {
          ...model,
          featureNames: [...model.featureNames],
          params: model.params as Prisma.InputJsonValue,
          metrics: model.metrics as Prisma.InputJsonValue,
          baselines: model.baselines as Prisma.InputJsonValue,
          trainFrom: new Date(`${model.trainFrom}T00:00:00Z`),
          trainTo: new Date(`${model.trainTo}T00:00:00Z`),
          status: 'CANDIDATE',
          role: 'PRIMARY',
          trafficWeight: 0,
        },
      });
      await tx.modelEvent.create({
        data: { modelId: row.id, stat: row.stat, action: 'register', fromStatus: null, toStatus: 'CANDIDATE', role: 'PRIMARY', trafficWeight: 0, actor, reason: 'trained', occurredAt: at },
      });
      return toRecord(row);
    });
  }

  /** A model by id; throws ModelNotFoundError. */
  async get(id: string): Promise<ModelRecord> {
    const row = await this.prisma.model.findUnique({ where: { id } });
    if (!row) throw new ModelNotFoundError(`no model with id "${id}"`);
    return toRecord(row);
  }

  /** Models, newest version first, optionally of one stat and/or status. */
  async list(filter: { stat?: ModelTarget; status?: ModelStatus } = {}): Promise<ModelRecord[]> {
    const rows = await this.prisma.model.findMany({ where: { stat: filter.stat, status: filter.status }, orderBy: [{ stat: 'asc' }, { version: 'desc' }] });
    return rows.map(toRecord);
  }

  /** The production PRIMARY model of a stat, or null. */
  async production(stat: ModelTarget): Promise<ModelRecord | null> {
    const row = await this.prisma.model.findFirst({ where: { stat, status: 'PRODUCTION', role: 'PRIMARY' }, orderBy: { version: 'desc' } });
    return row ? toRecord(row) : null;
  }

  /** What the prediction worker serves for a stat: primary, traffic-split challengers and shadows, with artifact URIs and sha256. */
  async resolveServing(stat: ModelTarget): Promise<ServingSet> {
    const rows = await this.prisma.model.findMany({ where: { stat, status: 'PRODUCTION' } });
    return servingSetOf(stat, rows.map(toRecord));
  }

  /**
   * Models that served `stat` as production primary before and no longer serve, most recently promoted first: the
   * fallback of a worker whose current primary's artifact is unusable (corrupt, missing).
   */
  async formerPrimaries(stat: ModelTarget, limit = 3): Promise<ServingModel[]> {
    const promotions = await this.prisma.modelEvent.findMany({
      where: { stat, toStatus: 'PRODUCTION', role: 'PRIMARY' },
      orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
      select: { modelId: true },
      take: 50,
    });
    const order = [...new Set(promotions.map((p) => p.modelId))];
    if (order.length === 0) return [];
    const rows = await this.prisma.model.findMany({ where: { id: { in: order }, status: { not: 'PRODUCTION' } } });
    const byId = new Map(rows.map((r) => [r.id, toServingModel(toRecord(r))]));
    return order.flatMap((id) => byId.get(id) ?? []).slice(0, limit);
  }

  /** Audit events of a model, oldest first. */
  async events(modelId: string): Promise<ModelEventRecord[]> {
    const rows = await this.prisma.modelEvent.findMany({ where: { modelId }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] });
    return rows.map(toEvent);
  }

  /** Which models served `stat` at instant `at` (replayed from model_events) and every event up to then. */
  async history(stat: ModelTarget, at: Date = new Date()): Promise<ModelHistory> {
    const rows = await this.prisma.modelEvent.findMany({ where: { stat, occurredAt: { lte: at } }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] });
    const events = rows.map(toEvent);
    const state = new Map<string, { status: ModelStatus; role: ModelRole; trafficWeight: number }>();
    for (const e of events) state.set(e.modelId, { status: e.toStatus, role: e.role, trafficWeight: e.trafficWeight });
    const servingIds = [...state].filter(([, s]) => s.status === 'PRODUCTION').map(([id]) => id);
    const models = servingIds.length ? (await this.prisma.model.findMany({ where: { id: { in: servingIds } } })).map(toRecord) : [];
    const asOfThen = models.map((m) => ({ ...m, ...state.get(m.id) }));
    return { stat, at, serving: servingSetOf(stat, asOfThen), events };
  }

  /**
   * Applies the changes `plan` derives from the stat's current models, with one audit event per change,
   * atomically and serialised per stat. `plan` throws to refuse (nothing is written).
   */
  async change(stat: ModelTarget, actor: string, plan: (models: ModelRecord[]) => ModelChange[]): Promise<ModelChange[]> {
    return this.prisma.$transaction(async (tx) => {
      const at = await lockStat(tx, stat);
      const current = (await tx.model.findMany({ where: { stat } })).map(toRecord);
      const changes = plan(current);
      for (const c of changes) {
        const before = current.find((m) => m.id === c.modelId);
        if (!before) throw new ModelNotFoundError(`no ${stat} model with id "${c.modelId}"`);
        if (!(c.trafficWeight >= 0 && c.trafficWeight <= 1)) throw new InvalidModelTransitionError(`traffic weight ${c.trafficWeight} is outside [0, 1]`);
        await tx.model.update({
          where: { id: c.modelId },
          data: {
            status: c.status,
            role: c.role,
            trafficWeight: c.trafficWeight,
            ...(c.statusReason !== undefined ? { statusReason: c.statusReason } : {}),
            ...(c.markPromoted ? { promotedAt: at } : {}),
          },
        });
        await tx.modelEvent.create({
          data: { modelId: c.modelId, stat, action: c.action, fromStatus: before.status, toStatus: c.status, role: c.role, trafficWeight: c.trafficWeight, actor, reason: c.reason, occurredAt: at },
        });
      }
      return changes;
    });
  }
}
