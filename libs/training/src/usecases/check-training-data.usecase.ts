import { ALL_STATS, type StatType } from '@propcast/contracts';
import type { PrismaClient } from '@propcast/db';
import { gauge } from '@propcast/observability';
import type { ModelRegistry } from '@propcast/model-registry';
import type { StartTrainingResult, StartTrainingUseCase } from './start-training.usecase';

/** Feature rows available to each stat's next training, and what the check started. */
export interface TrainingDataReport {
  featureSetId: string;
  latestFeatureDate: string | null;
  stats: { stat: StatType; productionModelId: string | null; rowsSinceTraining: number }[];
  started: StartTrainingResult | null;
}

/**
 * Daily data check: how many feature rows arrived after each production model's training window
 * (gauge `propcast_training_rows_since_training{stat}`), and trains the stats that have no production model yet
 * once at least `minRowsToBootstrap` rows exist.
 */
export class CheckTrainingDataUseCase {
  private readonly rowsSince = gauge('propcast_training_rows_since_training', 'Feature rows dated after the production model training window', ['stat']);

  constructor(
    private readonly prisma: PrismaClient,
    private readonly registry: ModelRegistry,
    private readonly startTraining: StartTrainingUseCase,
    private readonly featureSetId: string,
    private readonly minRowsToBootstrap: number,
  ) {}

  /** Runs the check. */
  async execute(): Promise<TrainingDataReport> {
    const latest = await this.prisma.featureRow.aggregate({ where: { featureSetId: this.featureSetId }, _max: { gameDate: true } });
    const stats: TrainingDataReport['stats'] = [];
    const bootstrap: StatType[] = [];
    for (const stat of ALL_STATS) {
      const production = await this.registry.production(stat);
      const after = production ? new Date(`${production.trainTo}T00:00:00Z`) : undefined;
      const rows = await this.prisma.featureRow.count({ where: { featureSetId: this.featureSetId, ...(after ? { gameDate: { gt: after } } : {}) } });
      this.rowsSince.set({ stat }, rows);
      stats.push({ stat, productionModelId: production?.id ?? null, rowsSinceTraining: rows });
      if (!production && rows >= this.minRowsToBootstrap) bootstrap.push(stat);
    }
    const started = bootstrap.length > 0 ? await this.startTraining.execute({ stats: bootstrap, trigger: 'schedule', reason: 'daily check: no production model yet' }) : null;
    return { featureSetId: this.featureSetId, latestFeatureDate: latest._max.gameDate?.toISOString().slice(0, 10) ?? null, stats, started };
  }
}
