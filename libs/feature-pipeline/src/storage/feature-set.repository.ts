import type { Pool } from 'pg';
import type { FeatureSet } from '@propcast/features';
import { FeatureSetConflictError } from '../errors';

/** The feature_sets table: one row per computed feature set, with its ordered names and definition hash. */
export class FeatureSetRepository {
  constructor(private readonly pool: Pool) {}

  /** Registers the feature set (idempotent); throws FeatureSetConflictError when the stored definition differs. */
  async ensure(featureSet: FeatureSet): Promise<void> {
    await this.pool.query(
      `INSERT INTO feature_sets (id, name, version, feature_names, definition_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO NOTHING`,
      [featureSet.id, featureSet.name, featureSet.version, featureSet.featureNames, featureSet.definitionHash],
    );
    const r = await this.pool.query<{ definition_hash: string }>('SELECT definition_hash FROM feature_sets WHERE id = $1', [featureSet.id]);
    const stored = r.rows[0].definition_hash;
    if (stored !== featureSet.definitionHash) throw new FeatureSetConflictError(featureSet.id, stored, featureSet.definitionHash);
  }
}
