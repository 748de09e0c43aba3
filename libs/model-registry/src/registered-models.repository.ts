import type { Pool } from 'pg';
import type { ModelTarget } from '@propcast/contracts';

/** A registered model as the readers outside training need it (drift, combiners, pricing). */
export interface RegisteredModel {
  id: string;
  stat: ModelTarget;
  version: number;
  featureSetId: string;
  featureNames: string[];
  metadataUri: string;
  /** `models.metrics` as stored by the trainer. */
  metrics: unknown;
}

const COLUMNS = 'id, stat::text AS stat, version, feature_set_id, feature_names, metadata_uri, metrics';

/**
 * The registry's read side over pg, for the processes that hold a pg pool and no Prisma client (the worker's live
 * repricing, the api, grading): one place for SQL on `models` outside `ModelRegistry`, whose writes and transitions
 * stay Prisma.
 */
export class RegisteredModelsRepository {
  constructor(private readonly pool: Pool) {}

  /** The model's metadata.json URI, or null when the registry has no such model. */
  async metadataUri(modelId: string): Promise<string | null> {
    const r = await this.pool.query<{ metadata_uri: string }>('SELECT metadata_uri FROM models WHERE id = $1', [modelId]);
    return r.rows[0]?.metadata_uri ?? null;
  }

  /** The model with this id, or null. */
  async byId(modelId: string): Promise<RegisteredModel | null> {
    const r = await this.pool.query(`SELECT ${COLUMNS} FROM models WHERE id = $1`, [modelId]);
    return r.rows.length ? toModel(r.rows[0]) : null;
  }

  /** The stat of a model, or null when the id is unknown. */
  async statOf(modelId: string): Promise<ModelTarget | null> {
    const r = await this.pool.query<{ stat: ModelTarget }>('SELECT stat FROM models WHERE id = $1', [modelId]);
    return r.rows[0]?.stat ?? null;
  }

  /** The production PRIMARY model of each of `stats` that has one, newest version first within a stat. */
  async productionPrimaries(stats: readonly string[]): Promise<RegisteredModel[]> {
    const r = await this.pool.query(`SELECT ${COLUMNS} FROM models WHERE status = 'PRODUCTION' AND role = 'PRIMARY' AND stat::text = ANY($1) ORDER BY stat, version DESC`, [stats]);
    return r.rows.map(toModel);
  }

  /** Ids of the models serving now (status PRODUCTION: primaries, challengers and shadows), by stat and version. */
  async productionIds(): Promise<string[]> {
    const r = await this.pool.query<{ id: string }>(`SELECT id FROM models WHERE status = 'PRODUCTION' ORDER BY stat, version`);
    return r.rows.map((m) => m.id);
  }
}

function toModel(x: Record<string, unknown>): RegisteredModel {
  return {
    id: x.id as string,
    stat: x.stat as ModelTarget,
    version: x.version as number,
    featureSetId: x.feature_set_id as string,
    featureNames: x.feature_names as string[],
    metadataUri: x.metadata_uri as string,
    metrics: x.metrics,
  };
}
