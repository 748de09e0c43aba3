import type { Pool } from 'pg';
import type { StatType } from '@propcast/contracts';
import { withPgTransaction } from '@propcast/db';
import { parseDate } from '../shared/dates';
import { gradingMetrics } from '../monitoring/grading-metrics';
import { closingLineValueOf } from './closing-line';
import { ClosingLineRepository, type ClosingLineRow, type ClosingLineValues } from './closing-line.repository';
import { gradePrediction } from './grade-prediction';
import { GradingRepository, type GradedPredictionRow } from './grading.repository';
import { summariseGrades, type GradeAggregates } from './summarise-grades';
import type { GradingRepositories } from '../composition/grading-repositories';

/** Summary of one (model, stat) on the graded date. */
export interface DateSummary extends GradeAggregates {
  modelId: string;
  modelVersion: number;
  stat: StatType;
}

/** What grading a date did. */
export interface GradeDateResult {
  gameDate: string;
  /** Predictions of the date (every batch). */
  predictions: number;
  /** Predictions graded now (played or void). */
  graded: number;
  /** Grade rows inserted or whose values changed (0 when regrading unchanged data). */
  changed: number;
  /** Predictions left ungraded: their game has no box score yet, or the box score lacks the stat. */
  pending: number;
  summaries: DateSummary[];
}

/**
 * Grades every prediction of a game date against its box scores and recomputes the date's summaries
 * (per model version and stat), and the closing-line value of every called side (the price the prediction called at
 * against the same book's last line before tip-off). Idempotent: grades are upserted by prediction id and rewritten only where a value
 * changed, so a regrade after a stat correction changes exactly the affected rows.
 */
export class GradeDateUseCase {
  private readonly repo: GradingRepository;
  private readonly closingLines: ClosingLineRepository;

  constructor(
    private readonly pool: Pool,
    repositories: Pick<GradingRepositories, 'grades' | 'closingLines'>,
  ) {
    this.repo = repositories.grades;
    this.closingLines = repositories.closingLines;
  }

  /** Grades `gameDate` (YYYY-MM-DD) and returns counts and the date's summaries. */
  async execute(gameDate: string): Promise<GradeDateResult> {
    parseDate(gameDate, 'gameDate');
    const { gradingDuration, gradingRuns } = gradingMetrics();
    const end = gradingDuration.startTimer();
    try {
      const result = await this.grade(gameDate);
      gradingRuns.inc({ outcome: 'ok' });
      return result;
    } catch (err) {
      gradingRuns.inc({ outcome: 'error' });
      throw err;
    } finally {
      end();
    }
  }

  private async grade(gameDate: string): Promise<GradeDateResult> {
    const predictions = await this.repo.datePredictions(gameDate);
    const gradable = predictions.filter((p) => p.status === 'void' || (p.status === 'played' && p.actual !== null));
    const grades = gradable.map((p) => ({ predictionId: p.id, ...gradePrediction(p, p.actual) }));
    const { summaries, inserted, changed } = await withPgTransaction(this.pool, async (client) => {
      const written = await this.repo.upsertGrades(client, grades);
      await this.closingLines.write(client, (await this.closingLines.calledPredictions(client, gameDate)).map(closingValues));
      const rows = await this.repo.gradedRows({ from: gameDate, to: gameDate }, client);
      const summaries = summarise(rows);
      await this.repo.replaceSummaries(client, gameDate, summaries);
      return { summaries, ...written };
    });

    const statOf = new Map(predictions.map((p) => [p.id, p.stat]));
    const { gradesTotal } = gradingMetrics();
    for (const g of grades) if (inserted.has(g.predictionId)) gradesTotal.inc({ stat: statOf.get(g.predictionId) as string, result: g.result });
    return { gameDate, predictions: predictions.length, graded: gradable.length, changed, pending: predictions.length - gradable.length, summaries };
  }
}

/** Aggregates per (model, stat), in a stable order. */
export function summarise(rows: readonly GradedPredictionRow[]): DateSummary[] {
  const groups = new Map<string, GradedPredictionRow[]>();
  for (const r of rows) {
    const key = `${r.modelId}\u0000${r.stat}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()]
    .map((g) => ({ modelId: g[0].modelId, modelVersion: g[0].modelVersion, stat: g[0].stat, ...summariseGrades(g) }))
    .sort((a, b) => a.stat.localeCompare(b.stat) || a.modelId.localeCompare(b.modelId));
}

/** The CLV of a called prediction against its book's closing snapshot (nulls without one). */
function closingValues(row: ClosingLineRow): ClosingLineValues {
  if (!row.closing) return { predictionId: row.predictionId, closing: null, clvLine: null, clvPrice: null };
  const clv = closingLineValueOf(row.recommendation === 'UNDER' ? 'UNDER' : 'OVER', row, row.closing);
  return { predictionId: row.predictionId, closing: row.closing, clvLine: clv.line, clvPrice: clv.price };
}
