import type { Request, Response } from 'express';
import { toCsv } from '@propcast/read-model';

/** True when the client asked for CSV: `?format=csv`, or an Accept header preferring text/csv (and no `?format=json`). */
export function wantsCsv(req: Request): boolean {
  const format = req.query['format'];
  if (format === 'csv') return true;
  if (format === 'json') return false;
  const accept = (req.headers.accept ?? '').toLowerCase();
  const csv = accept.indexOf('text/csv');
  const json = accept.indexOf('application/json');
  return csv >= 0 && (json < 0 || csv < json);
}

/**
 * Sends a list route's answer: the JSON body, or the CSV of its list (`rows`) when asked for, as an attachment
 * named after the route and its date so a browser saves it.
 */
export function sendList(req: Request, res: Response, body: unknown, rows: readonly object[], filename: string): void {
  if (!wantsCsv(req)) {
    res.status(200).json(body);
    return;
  }
  res.status(200).setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}.csv"`);
  res.send(toCsv(rows as Record<string, unknown>[]));
}
