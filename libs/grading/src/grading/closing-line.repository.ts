import type { PoolClient } from 'pg';
import type { Recommendation } from '@propcast/prediction';

/** A graded prediction that called a side at a book's line, with that book's closing snapshot (null fields: none). */
export interface ClosingLineRow {
  predictionId: string;
  recommendation: Recommendation;
  line: number;
  overPrice: number | null;
  underPrice: number | null;
  closing: { line: number; overPrice: number | null; underPrice: number | null; capturedAt: string } | null;
}

/** What a grade stores about the close. */
export interface ClosingLineValues {
  predictionId: string;
  closing: ClosingLineRow['closing'];
  clvLine: number | null;
  clvPrice: number | null;
}

/**
 * SQL of closing-line value. The closing line of a prop at a book is its last main snapshot captured strictly before
 * the game's tip-off (00:00 UTC the day after the game date when no tip-off is known), the cutoff live re-pricing uses.
 */
export class ClosingLineRepository {
  /** Graded OVER / UNDER predictions of `date` at a book's line, with the prop's closing snapshot at that book. */
  async calledPredictions(client: PoolClient, date: string): Promise<ClosingLineRow[]> {
    const r = await client.query<[string, Recommendation, number, number | null, number | null, number | null, number | null, number | null, string | null]>({
      text: `SELECT p.id::text, p.recommendation, p.line, p.over_price, p.under_price, c.line, c.over_price, c.under_price,
                    to_char(c.captured_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
               FROM predictions p
               JOIN grades gr ON gr.prediction_id = p.id
               JOIN games g ON g.id = p.game_id
               LEFT JOIN LATERAL (
                 SELECT l.line, l.over_price, l.under_price, l.captured_at FROM prop_lines l
                  WHERE l.player_id = p.player_id AND l.game_id = p.game_id AND l.stat = p.stat AND l.book = p.book AND l.is_main
                    AND l.captured_at < COALESCE(g.tipoff_at, (g.game_date + 1)::timestamp)
                  ORDER BY l.captured_at DESC, l.id DESC LIMIT 1) c ON true
              WHERE p.game_date = $1::date AND p.recommendation IN ('OVER', 'UNDER') AND p.line IS NOT NULL AND p.book <> ''`,
      values: [date],
      rowMode: 'array',
    });
    return r.rows.map(([predictionId, recommendation, line, overPrice, underPrice, cLine, cOver, cUnder, cAt]) => ({
      predictionId,
      recommendation,
      line,
      overPrice,
      underPrice,
      closing: cLine === null || cAt === null ? null : { line: cLine, overPrice: cOver, underPrice: cUnder, capturedAt: cAt },
    }));
  }

  /** Writes the closing line and CLV of each grade (only rows whose values changed are rewritten). */
  async write(client: PoolClient, rows: readonly ClosingLineValues[]): Promise<void> {
    if (rows.length === 0) return;
    await client.query(
      `UPDATE grades gr SET closing_line = u.line, closing_over_price = u.over_price, closing_under_price = u.under_price,
                            closing_captured_at = u.captured_at::timestamptz AT TIME ZONE 'UTC', clv_line = u.clv_line, clv_price = u.clv_price
         FROM unnest($1::bigint[], $2::float8[], $3::int[], $4::int[], $5::text[], $6::float8[], $7::float8[])
           AS u(prediction_id, line, over_price, under_price, captured_at, clv_line, clv_price)
        WHERE gr.prediction_id = u.prediction_id
          AND (gr.closing_line, gr.closing_over_price, gr.closing_under_price, gr.clv_line, gr.clv_price)
              IS DISTINCT FROM (u.line, u.over_price, u.under_price, u.clv_line, u.clv_price)`,
      [
        rows.map((r) => r.predictionId),
        rows.map((r) => r.closing?.line ?? null),
        rows.map((r) => r.closing?.overPrice ?? null),
        rows.map((r) => r.closing?.underPrice ?? null),
        rows.map((r) => r.closing?.capturedAt ?? null),
        rows.map((r) => r.clvLine),
        rows.map((r) => r.clvPrice),
      ],
    );
  }
}
