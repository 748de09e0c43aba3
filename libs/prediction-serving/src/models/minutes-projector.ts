import { MINUTES_TARGET } from '@propcast/contracts';
import { columnMapping, writeModelRow } from '../features/column-mapping';
import type { ServingModels } from './serving-models';

/** The served minutes model's projections of some feature vectors, or why there are none. */
export type MinutesProjection = { values: Float32Array; modelId: string } | { unavailable: string };

/**
 * Runs the production minutes model (its primary; loaded lazily through ServingModels like every stat's models, and
 * refreshed on model.promoted) over feature vectors, so stat models with a `minutes_projection` input get its output.
 */
export class MinutesProjector {
  constructor(private readonly models: ServingModels) {}

  /** Projects the minutes of each vector (feature-set order, columns `featureNames`), one value per vector. */
  async project(featureNames: readonly string[], vectors: readonly Float32Array[]): Promise<MinutesProjection> {
    const lease = await this.models.acquire(MINUTES_TARGET);
    try {
      const model = lease.models.primary;
      if (!model) return { unavailable: lease.models.unavailableReason ?? `no production model for ${MINUTES_TARGET}` };
      const mapping = columnMapping(model.featureNames, featureNames);
      if (mapping.kind === 'missing') return { unavailable: `minutes model ${model.info.id} needs features the stat model's feature set lacks: ${mapping.names.slice(0, 5).join(', ')}` };
      const width = model.predictor.numFeatures;
      const input = new Float32Array(vectors.length * width);
      vectors.forEach((vector, row) => writeModelRow(input, row, width, vector, mapping));
      return { values: await model.predictor.predict(input), modelId: model.info.id };
    } finally {
      lease.release();
    }
  }
}
