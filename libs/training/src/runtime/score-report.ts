import { num, textTable } from '@propcast/reporting';
import type { StatType } from '@propcast/contracts';
import type { Evaluation } from '../evaluation/evaluation.types';
import type { ModelScore } from '../usecases/evaluate-model.usecase';

/** The `--json` shape of `propcast evaluate`: per stat, n, MAE, the three baselines' MAE and the over/under calibration. */
export interface ScoreSummary {
  modelId: string;
  version: number;
  n: number;
  mae: number | null;
  rmse: number | null;
  bias: number | null;
  baselines: { seasonAvg: number | null; last10: number | null; ema: number | null };
  /** `real` when the range has prop lines, else `proxy` (floor(season avg) + 0.5, not market lines); null without either. */
  lineSource: 'real' | 'proxy' | null;
  hitRate: number | null;
  brier: number | null;
  ece: number | null;
  logLoss: number | null;
}

/** Summary of one evaluation (over/under against real lines when the rows have them, else proxy lines). */
export function summarizeEvaluation(modelId: string, version: number, e: Evaluation): ScoreSummary {
  const ou = e.overUnder.real ?? e.overUnder.proxy;
  return {
    modelId,
    version,
    n: e.rows,
    mae: e.model.mae,
    rmse: e.model.rmse,
    bias: e.model.bias,
    baselines: { seasonAvg: e.baselines.seasonAvg.mae, last10: e.baselines.last10.mae, ema: e.baselines.ema.mae },
    lineSource: ou?.lineSource ?? null,
    hitRate: ou?.hitRate ?? null,
    brier: ou?.brier ?? null,
    ece: ou?.ece ?? null,
    logLoss: ou?.logLoss ?? null,
  };
}

/** `{"<stat>": summary}` for every score. */
export function scoresJson(scores: readonly ModelScore[]): Partial<Record<StatType, ScoreSummary>> {
  return Object.fromEntries(scores.map((s) => [s.stat, summarizeEvaluation(s.modelId, s.version, s.evaluation)]));
}

const f = (v: number | null, digits = 3) => num(v, digits, '–');

/** Plain-text table of scores: model MAE beside the baselines, then calibration. */
export function scoresTable(scores: readonly ModelScore[]): string {
  const header = ['stat', 'model', 'n', 'MAE', 'season avg', 'last 10', 'EMA', 'RMSE', 'bias', 'lines', 'hit rate', 'Brier', 'ECE'];
  const rows = scores.map((s) => {
    const x = summarizeEvaluation(s.modelId, s.version, s.evaluation);
    return [
      s.stat,
      s.modelId,
      String(x.n),
      f(x.mae),
      f(x.baselines.seasonAvg),
      f(x.baselines.last10),
      f(x.baselines.ema),
      f(x.rmse),
      f(x.bias),
      x.lineSource ?? '–',
      f(x.hitRate),
      f(x.brier, 4),
      f(x.ece, 4),
    ];
  });
  return textTable(header, rows, { align: 'left' });
}
