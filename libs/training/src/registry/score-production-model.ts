import type { ModelArtifacts } from '../artifacts/model-artifacts';
import type { StatDataset } from '../dataset/dataset.types';
import { regressionMetrics } from '../evaluation/regression-metrics';
import type { XgboostClock } from '../model/xgboost-clock';
import type { ModelRecord } from '@propcast/model-registry';

/** The production model's MAE on the candidate's rows, or why it cannot be scored on them. */
export type ProductionScore = { id: string; mae: number; candidateMae?: number; rows?: number } | { id: string; notComparable: string };

/**
 * Scores a production model on the candidate's test rows by loading its native model.json from the artifact store
 * (sha256-verified): same rows, fair comparison. Models of another feature set or feature order, or whose artifacts
 * cannot be loaded or verified, are not comparable (the gate then refuses automatic promotion and says why).
 */
export async function scoreProductionModel(production: ModelRecord, rows: StatDataset, artifacts: ModelArtifacts, clock: XgboostClock): Promise<ProductionScore> {
  const sameFeatures = production.featureSetId === rows.featureSetId && production.featureNames.join('\n') === rows.featureNames.join('\n');
  if (!sameFeatures) {
    const why =
      production.featureSetId !== rows.featureSetId
        ? `uses feature set ${production.featureSetId}, not ${rows.featureSetId}`
        : `reads other inputs of ${rows.featureSetId} (${production.featureNames.length} columns, the candidate ${rows.featureNames.length}: another definition of the set, or the minutes projection)`;
    return { id: production.id, notComparable: `production ${production.id} ${why}` };
  }
  let model;
  try {
    model = await artifacts.loadNative(production);
  } catch (err) {
    return { id: production.id, notComparable: `production ${production.id} could not be loaded (${(err as Error).message})` };
  }
  try {
    const predicted = clock.time(() => model.predict(rows.features));
    return { id: production.id, mae: regressionMetrics(predicted, rows.target).mae ?? Number.NaN };
  } finally {
    model.dispose();
  }
}
