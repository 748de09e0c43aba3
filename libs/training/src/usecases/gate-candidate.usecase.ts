import type { ModelArtifacts } from '../artifacts/model-artifacts';
import type { StatDataset } from '../dataset/dataset.types';
import type { BaselineSet, RegressionMetrics } from '../evaluation/evaluation.types';
import type { XgboostClock } from '../model/xgboost-clock';
import type { ModelRecord, ModelRegistry } from '@propcast/model-registry';
import { decidePromotion, type GateDecision } from '../registry/promotion-gate';
import { scoreProductionModel, type ProductionScore } from '../registry/score-production-model';
import { selectRows } from '../dataset/stat-dataset';
import { regressionMetrics } from '../evaluation/regression-metrics';
import type { PromoteModelUseCase } from './promote-model.usecase';

/** Gate settings. */
export interface GateSettings {
  /** Relative MAE improvement over production required for automatic promotion (GATE_MIN_MAE_IMPROVEMENT). */
  minMaeImprovement: number;
  /** When false, a candidate that passes goes to STAGING instead of production. */
  autoPromote: boolean;
  /**
   * Fewest test rows production has not trained on for a comparison with it (a refitted production model has seen
   * the candidate's older test dates; only the later ones compare fairly). Default 300.
   */
  minComparableRows?: number;
}

/** A fresh candidate and what it was measured on. */
export interface GateCandidateCommand {
  candidate: ModelRecord;
  testRows: StatDataset;
  /** The candidate's out-of-sample predictions of testRows. */
  testPredictions: Float32Array;
  testMetrics: RegressionMetrics;
  baselines: BaselineSet;
}

/** The verdict and where the candidate ended up. */
export interface GateOutcome extends GateDecision {
  status: ModelRecord['status'];
  productionMae: number | null;
}

/**
 * Runs the promotion gate on a new candidate: scores the current production model on the candidate's test rows,
 * then promotes (or stages) the candidate when it beats production by the margin and every baseline; otherwise
 * it stays CANDIDATE with the reason in status_reason (and a `gate` audit event).
 */
export class GateCandidateUseCase {
  constructor(
    private readonly registry: ModelRegistry,
    private readonly artifacts: ModelArtifacts,
    private readonly promote: PromoteModelUseCase,
    private readonly settings: GateSettings,
    private readonly clock: XgboostClock,
  ) {}

  /** Decides and applies the gate. */
  async execute(command: GateCandidateCommand): Promise<GateOutcome> {
    const { candidate, testMetrics, baselines } = command;
    const production = await this.registry.production(candidate.stat);
    const score = production ? await this.scoreProduction(production, command) : null;
    const baselineMae = (m: RegressionMetrics) => m.mae ?? Number.POSITIVE_INFINITY;
    const decision: GateDecision =
      score && 'notComparable' in score
        ? { promote: false, reason: `gate refused: ${score.notComparable}; promote by hand after comparing` }
        : decidePromotion({
            candidateMae: testMetrics.mae ?? Number.POSITIVE_INFINITY,
            baselineMae: { seasonAvg: baselineMae(baselines.seasonAvg), last10: baselineMae(baselines.last10), ema: baselineMae(baselines.ema) },
            production: score,
            minMaeImprovement: this.settings.minMaeImprovement,
          });
    const productionMae = score && 'mae' in score ? score.mae : null;
    if (decision.promote && this.settings.autoPromote) {
      const { model } = await this.promote.execute({ modelId: candidate.id, actor: 'gate', reason: decision.reason });
      return { ...decision, status: model.status, productionMae };
    }
    const reason = decision.promote ? `${decision.reason}; automatic promotion is disabled` : decision.reason;
    const status = decision.promote ? 'STAGING' : 'CANDIDATE';
    await this.registry.change(candidate.stat, 'gate', () => [{ modelId: candidate.id, action: 'gate', status, role: 'PRIMARY', trafficWeight: 0, reason, statusReason: reason }]);
    return { ...decision, reason, status, productionMae };
  }

  /**
   * Production and the candidate on the candidate's test rows production never trained on (dated after its
   * trainTo): every test row for a production model fitted on older dates only, the later ones for a refit.
   */
  private async scoreProduction(production: ModelRecord, command: GateCandidateCommand): Promise<ProductionScore> {
    const { testRows, testPredictions } = command;
    const unseen: number[] = [];
    testRows.gameDates.forEach((d, i) => d > production.trainTo && unseen.push(i));
    if (unseen.length === testRows.size) return scoreProductionModel(production, testRows, this.artifacts, this.clock);
    const needed = this.settings.minComparableRows ?? 300;
    const seen = `production ${production.id} was trained on ${testRows.size - unseen.length} of the ${testRows.size} test rows (to ${production.trainTo})`;
    if (unseen.length < needed) return { id: production.id, notComparable: `${seen}; the ${unseen.length} later rows are fewer than ${needed}` };
    const score = await scoreProductionModel(production, selectRows(testRows, unseen), this.artifacts, this.clock);
    if ('notComparable' in score) return score;
    const candidateMae =
      regressionMetrics(
        Float32Array.from(unseen, (i) => testPredictions[i]),
        Float32Array.from(unseen, (i) => testRows.target[i]),
      ).mae ?? Number.NaN;
    return { ...score, candidateMae, rows: unseen.length };
  }
}
