import { num, pct, textTable } from '@propcast/reporting';
import type { DaySummary } from './day-summary';

const f = (x: number, digits = 2) => num(x, digits);

/** A table whose first row is its header, without a rule under it. */
const alignTable = ([header, ...rows]: string[][]): string => textTable(header, rows, { rule: false });

/** The terminal summary of a replayed day: coverage, MAE beside baselines, hit rate, ROI, time per phase. */
export function formatSummary(s: DaySummary): string {
  const out: string[] = [];
  out.push(`\nPropcast replay of ${s.day} (batch ${s.batchId})`);
  out.push(`predictions: ${s.completed} of ${s.requested} requests (coverage ${pct(s.coverage)}), ${s.failed} failed`);
  out.push('\nproduction models on their held-out test seasons (MAE, same rows for model and baselines)');
  out.push(
    alignTable([
      ['stat', 'model', 'objective', 'test rows', 'MAE model', 'season avg', 'last 10', 'EMA', 'beats all'],
      ...s.models.map((m) => [
        m.stat,
        m.modelId,
        m.objective,
        String(m.testRows),
        f(m.mae, 3),
        f(m.baselines.seasonAvg, 3),
        f(m.baselines.last10, 3),
        f(m.baselines.ema, 3),
        m.mae < Math.min(m.baselines.seasonAvg, m.baselines.last10, m.baselines.ema) ? 'yes' : 'NO',
      ]),
    ]),
  );
  out.push(`\n${s.day}: predictions graded against the final box scores (one day: small n, noisy MAE)`);
  const header = ['stat', 'n', 'MAE model', 'season avg', 'last 10', 'EMA', 'hit rate', 'bets', 'ROI', 'Brier', 'ECE'];
  const rows = s.stats.map((t) => [
    t.stat,
    String(t.played),
    f(t.mae),
    f(t.baselines.seasonAvg),
    f(t.baselines.last10),
    f(t.baselines.ema),
    `${pct(t.hitRate)} (${t.hits}/${t.decided})`,
    String(t.bets),
    pct(t.roi),
    f(t.brier, 3),
    f(t.ece, 3),
  ]);
  out.push(alignTable([header, ...rows]));
  out.push(s.linesAreProxy ? 'lines: PROXY (no real prop lines exist for this day in the data): season average before the day, rounded to .5, priced -110/-110' : 'lines: real prop lines');
  out.push('\ntime per phase');
  out.push(alignTable([['phase', 'seconds'], ...s.phases.map((p) => [p.name, p.seconds.toFixed(1)]), ['total', s.phases.reduce((n, p) => n + p.seconds, 0).toFixed(1)]]));
  return out.join('\n');
}
