/** Groups ascending (date, rows) counts into consecutive date ranges of at most about `maxRows` rows each. */
export function groupDatesByRows(counts: readonly { date: string; rows: number }[], maxRows: number): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  let current: { from: string; to: string; rows: number } | null = null;
  for (const { date, rows } of counts) {
    if (current !== null && current.rows + rows > maxRows) {
      out.push({ from: current.from, to: current.to });
      current = null;
    }
    if (current === null) current = { from: date, to: date, rows };
    else {
      current.to = date;
      current.rows += rows;
    }
  }
  if (current !== null) out.push({ from: current.from, to: current.to });
  return out;
}
