import type { StatType } from '@propcast/contracts';
import { summariseGrades, type GradedRow } from '@propcast/grading';
import { isProxyBook } from '../shared/line-source';

/** Betting figures of graded props priced at one line source. */
export interface BettingFigures {
  /** Graded props with a line of this source. */
  props: number;
  /** Settled recommended bets (one unit each). */
  bets: number;
  hitRate: number | null;
  roi: number | null;
  /** The model's Brier score of P(over) on props that ended over or under (for REAL: those with both prices). */
  brier: number | null;
  /** The vig-free market's Brier on the same props (REAL only: a proxy line is not a market). */
  marketBrier: number | null;
}

/** Graded performance of one (stat, model): accuracy over every player-game, betting figures per line source. */
export interface GradeGroup {
  stat: StatType;
  modelId: string;
  modelVersion: number | null;
  /** Distinct player-games graded. */
  n: number;
  mae: number | null;
  coverage: number | null;
  real: BettingFigures;
  proxy: BettingFigures;
}

/** A graded row with its stat and model. */
export interface GroupableRow extends GradedRow {
  stat: StatType;
  modelId: string;
  modelVersion?: number;
}

/** Groups graded rows by (stat, model) and summarises each with grading's aggregates, REAL and PROXY lines apart. */
export function summariseBySource(rows: readonly GroupableRow[]): GradeGroup[] {
  const groups = new Map<string, GroupableRow[]>();
  for (const r of rows) {
    const key = `${r.stat}\u0000${r.modelId}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()]
    .map((list) => {
      const all = summariseGrades(list);
      const real = list.filter((r) => r.book !== '' && !isProxyBook(r.book));
      const proxy = list.filter((r) => isProxyBook(r.book));
      const r = summariseGrades(real);
      const p = summariseGrades(proxy);
      return {
        stat: list[0].stat,
        modelId: list[0].modelId,
        modelVersion: list[0].modelVersion ?? null,
        n: all.n,
        mae: all.mae,
        coverage: all.coverage,
        real: { props: real.length, bets: r.bets, hitRate: r.hitRate, roi: r.roi, brier: r.brierReal, marketBrier: r.marketBrier },
        proxy: { props: proxy.length, bets: p.bets, hitRate: p.hitRate, roi: p.roi, brier: p.brier, marketBrier: null },
      };
    })
    .sort((a, b) => a.stat.localeCompare(b.stat) || a.modelId.localeCompare(b.modelId));
}
