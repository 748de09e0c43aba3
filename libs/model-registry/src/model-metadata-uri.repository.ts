import type { Pool } from 'pg';

/**
 * Where a registered model's metadata.json is, read with pg: the hot pricing paths (the worker's live repricing, the
 * api's distributions) hold a pg pool and no Prisma client, and read one column of one row per model (then cache).
 */
export class ModelMetadataUriRepository {
  constructor(private readonly pool: Pool) {}

  /** The model's metadata.json URI, or null when the registry has no such model. */
  async metadataUri(modelId: string): Promise<string | null> {
    const r = await this.pool.query<{ metadata_uri: string }>('SELECT metadata_uri FROM models WHERE id = $1', [modelId]);
    return r.rows[0]?.metadata_uri ?? null;
  }
}
