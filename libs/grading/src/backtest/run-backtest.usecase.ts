import { GameDate } from '@propcast/common';
import { InvalidGradingRequestError } from '../errors';
import { featureSetNamesFrom } from '../shared/feature-set-names';
import type { FeatureSetsRepository } from '../shared/feature-sets.repository';
import type { BacktestDataRepository } from './backtest-data.repository';
import type { BacktestRequest, BacktestReport, BacktestHooks } from './backtest.types';
import { resolveSettings } from './backtest-settings';
import { Replay } from './backtest-replay';
import type { GradingRepositories } from '../composition/grading-repositories';

export * from './backtest.types';
export { DEFAULT_WALK_FORWARD } from './backtest-settings';

/**
 * Walk-forward backtest: replays game days in order; each stat's model is (re)trained every `retrainEveryDays`
 * on rows dated strictly before the day, props are bet at the latest real line captured before the row's cutoff
 * (else a proxy line at -110, reported as such), and each strategy's bankroll is settled day by day.
 */
export class RunBacktestUseCase {
  private readonly data: BacktestDataRepository;
  private readonly featureSets: FeatureSetsRepository;

  constructor(repositories: Pick<GradingRepositories, 'backtestData' | 'featureSets'>) {
    this.data = repositories.backtestData;
    this.featureSets = repositories.featureSets;
  }

  /** Runs the backtest and returns its report. */
  async execute(request: BacktestRequest, hooks: BacktestHooks = {}): Promise<BacktestReport> {
    const settings = resolveSettings(request);
    const names = await featureSetNamesFrom(this.featureSets, settings.featureSetId);
    if (!names) throw new InvalidGradingRequestError(`unknown feature set ${settings.featureSetId}`);
    const loadFrom = GameDate.addDays(settings.from, -settings.trainWindowDays);
    const rows = await this.data.rows(settings.featureSetId, names.length, loadFrom, settings.to, settings.seasonTypes);
    const lines = await this.data.lines(loadFrom, settings.to);
    const replay = new Replay(settings, names, rows, lines);
    try {
      const dates = [...new Set(rows.map((r) => r.date))].filter((d) => d >= settings.from);
      dates.forEach((date, i) => {
        const props = replay.day(date);
        hooks.onDay?.({ date, done: i + 1, total: dates.length, props });
      });
      return replay.report(dates.length);
    } finally {
      replay.dispose();
    }
  }
}
