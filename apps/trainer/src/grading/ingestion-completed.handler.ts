import { Inject, Injectable, Logger } from '@nestjs/common';
import { ServiceNames, type EventEnvelope } from '@propcast/contracts';
import { EvaluateChallengersUseCase, GradeDateUseCase, promotionSettings } from '@propcast/grading';
import { OnEvent } from '@propcast/messaging';
import { windowStart } from './grades.controller';
import { GradingMetricsRefresher } from './grading-metrics.refresher';
import { GRADING_OPTIONS, type GradingModuleOptions } from './grading.tokens';

/**
 * Grades a date when its box scores (or corrections to them) were ingested; failures are retried by the bus. Then
 * judges the challengers on the graded real-priced props of the PROMOTION_WINDOW_DAYS ending that day and records (or,
 * with PROMOTION_AUTO, makes) the promotions they earned; a failure there is logged and does not undo the grading.
 */
@Injectable()
export class IngestionCompletedGradingHandler {
  private readonly logger = new Logger('Grading');

  constructor(
    private readonly gradeDate: GradeDateUseCase,
    private readonly metrics: GradingMetricsRefresher,
    private readonly challengers: EvaluateChallengersUseCase,
    @Inject(GRADING_OPTIONS) private readonly options: GradingModuleOptions,
  ) {}

  @OnEvent('ingestion.completed', { group: ServiceNames.trainer })
  async handle(event: EventEnvelope<'ingestion.completed'>): Promise<void> {
    if (event.data.kind !== 'BOX_SCORES') return;
    const r = await this.gradeDate.execute(event.data.gameDate);
    await this.metrics.refresh();
    this.logger.log(`graded ${r.gameDate} after batch ${event.data.batchId}: ${r.graded}/${r.predictions} predictions (${r.changed} new or changed, ${r.pending} pending)`);
    if (r.changed === 0) return;
    try {
      const report = await this.challengers.evaluate({ from: windowStart(r.gameDate, promotionSettings(this.options.config).windowDays), to: r.gameDate });
      const earned = report.pairs.filter((p) => p.verdict === 'proposed' || p.verdict === 'promoted').length;
      this.logger.log(`challengers judged on real prices ${report.from}..${report.to}: ${report.pairs.length} pairs, ${earned} earned a promotion`);
    } catch (err) {
      this.logger.error(`judging challengers after grading ${r.gameDate} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
