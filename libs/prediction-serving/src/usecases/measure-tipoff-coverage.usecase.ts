import type { Pool } from 'pg';
import type { StatType } from '@propcast/contracts';
import { servingMetrics } from '../metrics';
import type { TipoffCoverageRepository } from '../slate/tipoff-coverage.repository';

/** Props and predicted props of one stat (or ALL) among the games tipping off soon. */
export interface CoverageCount {
  props: number;
  predicted: number;
  /** predicted / props. */
  ratio: number;
}

/** What the next tip-offs look like from the predictions' side. */
export interface TipoffCoverage {
  /** The next scheduled tip-off; null when no scheduled game has a tip-off time ahead. */
  nextTipoffAt: Date | null;
  /** Games tipping off within the window. */
  games: number;
  /** Per stat with lines, and ALL; empty when the games in the window have no lines. */
  byStat: Partial<Record<StatType | 'ALL', CoverageCount>>;
}

/** The repositories MeasureTipoffCoverageUseCase uses (createServingRepositories() in services). */
export interface MeasureTipoffCoverageRepositories {
  tipoffs: Pick<TipoffCoverageRepository, 'nextTipoffMs' | 'coverageRows'>;
}

/**
 * Coverage at tip-off: of the props (player, game and stat with a stored line) of the games that tip off within the
 * next `windowMinutes`, the share that has a primary prediction, and the next tip-off. Read from the database, so it
 * holds whichever process predicted. Sets `propcast_prediction_coverage_at_tipoff_ratio{stat}` and
 * `propcast_tipoff_window_props{stat}` (no series when no game in the window has lines, so the alert stays quiet)
 * and `propcast_next_tipoff_timestamp_seconds` (0 when none is known).
 */
export class MeasureTipoffCoverageUseCase {
  constructor(
    private readonly pool: Pool,
    private readonly repositories: MeasureTipoffCoverageRepositories,
  ) {}

  async execute(now: Date, windowMinutes: number): Promise<TipoffCoverage> {
    const at = now.toISOString();
    const nextMs = await this.repositories.tipoffs.nextTipoffMs(this.pool, at);
    const rows = await this.repositories.tipoffs.coverageRows(this.pool, at, windowMinutes);
    // ROLLUP always returns the grand total (ALL), even over no props: it carries the game count.
    const byStat: TipoffCoverage['byStat'] = {};
    for (const r of rows) if (r.props > 0) byStat[r.stat ?? 'ALL'] = { props: r.props, predicted: r.predicted, ratio: r.predicted / r.props };
    const coverage: TipoffCoverage = { nextTipoffAt: nextMs === null ? null : new Date(nextMs), games: rows[0].games, byStat };
    publish(coverage);
    return coverage;
  }
}

function publish(c: TipoffCoverage): void {
  const m = servingMetrics;
  m.nextTipoff.set(c.nextTipoffAt === null ? 0 : c.nextTipoffAt.getTime() / 1000);
  m.tipoffCoverage.reset();
  m.tipoffWindowProps.reset();
  for (const [stat, count] of Object.entries(c.byStat)) {
    m.tipoffCoverage.set({ stat }, count.ratio);
    m.tipoffWindowProps.set({ stat }, count.props);
  }
}
