import { z } from 'zod';
import { ModelMetadataError } from '../errors';
import type { BinnedDistribution } from './distribution';

const Binned = z.object({
  cutPoints: z.array(z.number()),
  proportions: z.array(z.number().min(0)),
  nanShare: z.number().min(0).max(1),
});

const TestMae = z.object({ test: z.object({ model: z.object({ mae: z.number().nullable() }) }) });

// The parts of libs/training's metadata.json drift detection reads; everything else is ignored.
const MetadataSubset = z.object({
  featureDistribution: z.array(Binned.extend({ name: z.string().min(1) })),
  metrics: TestMae.optional(),
  /** Optional: the model's validation predictions binned like a feature (prediction drift reference). */
  predictionDistribution: Binned.optional(),
});

/** What a model's metadata.json gives drift detection. */
export interface DriftReference {
  /** Training-split distribution of each feature, by name. */
  features: Map<string, BinnedDistribution>;
  /** Test-split MAE of the model, when recorded. */
  testMae: number | null;
  /** Binned validation predictions, when recorded. */
  predictions: BinnedDistribution | null;
}

/**
 * Reads the drift reference from metadata.json bytes: `featureDistribution[]` (per feature: name, cutPoints,
 * proportions, nanShare), `metrics.test.model.mae`, optional `predictionDistribution`; `fallbackMetrics` (the
 * registry's `models.metrics`) supplies the test MAE when metadata.json lacks it. Throws ModelMetadataError.
 */
export function parseDriftReference(bytes: Buffer, fallbackMetrics: unknown): DriftReference {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new ModelMetadataError(`metadata.json is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = MetadataSubset.safeParse(json);
  if (!parsed.success) throw new ModelMetadataError(`metadata.json lacks a drift reference: ${z.prettifyError(parsed.error)}`);
  const fallback = TestMae.safeParse(fallbackMetrics);
  return {
    features: new Map(parsed.data.featureDistribution.map(({ name, ...d }) => [name, d])),
    testMae: parsed.data.metrics?.test.model.mae ?? (fallback.success ? fallback.data.test.model.mae : null),
    predictions: parsed.data.predictionDistribution ?? null,
  };
}
