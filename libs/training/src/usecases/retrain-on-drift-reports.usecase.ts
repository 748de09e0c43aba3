import { ALL_STATS, type StatType } from '@propcast/contracts';
import type { PrismaClient } from '@propcast/db';
import type { ModelRegistry } from '@propcast/model-registry';
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
  checked: { stat: StatType; driftReportId: string | null; maxPsi: number | null; maeRatio: number | null; retrain: boolean; note: string }[];
  started: StartTrainingResult | null;
}

/**
 * Weekly drift hook: evaluates nothing. Drift is evaluated in one place, EvaluateDriftUseCase of @propcast/grading,
 * which stores a report and publishes `retrain.requested` (the one drift-to-retrain path). This hook reads the newest
 * stored report of each stat's production model and retrains the stats whose report passes a threshold but was never
 * acted on (no retrain.requested published: `propcast drift --no-publish`, no bus; and no run started after it).
 */
export class RetrainOnDriftReportsUseCase {
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
      if (!report) {
        checked.push({ stat, driftReportId: null, maxPsi: null, maeRatio: null, retrain: false, note: production ? 'no drift report yet' : 'no production model' });
        continue;
      }
      const drifted = report.maxPsi > this.thresholds.maxPsi || (report.maeRatio ?? 0) > this.thresholds.maxMaeRatio;
      const laterRun = await this.prisma.trainingRun.count({ where: { stat, startedAt: { gte: report.createdAt } } });
      const note = !drifted ? 'within thresholds' : report.retrainRequested ? 'retrain already requested by the drift job' : laterRun > 0 ? 'a run started after the report' : 'drifted';
      checked.push({ stat, driftReportId: report.id, maxPsi: report.maxPsi, maeRatio: report.maeRatio, retrain: note === 'drifted', note });
    }
    const due = checked.filter((c) => c.retrain);
    const reason = due.map((c) => `${c.stat}: max PSI ${c.maxPsi?.toFixed(3)}, MAE ratio ${c.maeRatio?.toFixed(3) ?? 'n/a'} (report ${c.driftReportId})`).join('; ');
    const started = due.length > 0 ? await this.startTraining.execute({ stats: due.map((c) => c.stat), trigger: 'drift', reason: `weekly drift check: ${reason}` }) : null;
    return { checked, started };
  }
}
