import type { StatType } from '@propcast/contracts';
import { MarketCombiner } from '@propcast/prediction';
import type { Queryable } from '../sql';

/** A stored market combination, restored. */
export interface StoredCombiner {
  id: string;
  combiner: MarketCombiner;
}

/** Where the worker finds a model's market combination for a game date. */
export interface MarketCombinerSource {
  forModel(modelId: string, stat: StatType, gameDate: string): Promise<StoredCombiner | null>;
}

/** Reads market_combiners (stateless: the caller gives the pool or client, like the other serving repositories). */
export class MarketCombinerRepository {
  /** The model's latest combination that may price `gameDate` (as_of on or before it). */
  async forModel(db: Queryable, modelId: string, stat: StatType, gameDate: string): Promise<StoredCombiner | null> {
    const r = await db.query<{ id: string; state: unknown }>(
      `SELECT id::text AS id, state FROM market_combiners WHERE model_id = $1 AND stat = $2::"StatType" AND as_of <= $3::date ORDER BY as_of DESC LIMIT 1`,
      [modelId, stat, gameDate],
    );
    if (r.rows.length === 0) return null;
    return { id: r.rows[0].id, combiner: MarketCombiner.fromJSON(r.rows[0].state) };
  }
}
