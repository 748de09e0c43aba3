import { ALL_STATS, type StatType } from '@propcast/contracts';
import type { PrismaClient } from '@propcast/db';
import type { ModelRegistry } from '../registry/model-registry';
import type { StartTrainingResult, StartTrainingUseCase } from './start-training.usecase';

/** When a drift report asks for retraining. */
export interface DriftThresholds {
  /** Largest feature PSI tolerated (drift_reports.max_psi). */
  maxPsi: number;
  /** Live MAE / training test MAE tolerated (drift_reports.mae_ratio). */
  maxMaeRatio: number;
}

/** What the weekly hook looked at and started. */
export interface DriftCheckReport {
  checked: { stat: StatType; driftReportId: string | null; maxPsi: number | null; maeRatio: number | null; retrain: boolean }[];
  started: StartTrainingResult | null;
}

/**
 * Weekly drift hook: reads the newest drift report of each stat's production model (written by the
 * grading/drift job) and retrains the stats whose feature drift or MAE degradation passes its threshold.
 */
export class EvaluateDriftUseCase {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly registry: ModelRegistry,
    private readonly startTraining: StartTrainingUseCase,
    private readonly thresholds: DriftThresholds,
  ) {}

  /** Runs the check over every stat. */
  async execute(): Promise<DriftCheckReport> {
    const checked: DriftCheckReport['checked'] = [];
    for (const stat of ALL_STATS) {
      const production = await this.registry.production(stat);
      const report = production ? await this.prisma.driftReport.findFirst({ where: { stat, modelId: production.id }, orderBy: { createdAt: 'desc' } }) : null;
      const retrain = report !== null && (report.maxPsi > this.thresholds.maxPsi || (report.maeRatio ?? 0) > this.thresholds.maxMaeRatio);
      checked.push({ stat, driftReportId: report?.id ?? null, maxPsi: report?.maxPsi ?? null, maeRatio: report?.maeRatio ?? null, retrain });
    }
    const stats = checked.filter((c) => c.retrain).map((c) => c.stat);
    const reason = checked
      .filter((c) => c.retrain)
      .map((c) => `${c.stat}: max PSI ${c.maxPsi?.toFixed(3)}, MAE ratio ${c.maeRatio?.toFixed(3) ?? 'n/a'}`)
      .join('; ');
    const started = stats.length > 0 ? await this.startTraining.execute({ stats, trigger: 'drift', reason: `weekly drift check: ${reason}` }) : null;
    return { checked, started };
  }
}
