import { buildTeamGameLogs, encodeFeatureValues, FeatureComputer, type PlayerGameLog } from '@propcast/features';

/**
 * The reference a stored backfill must equal: the pure FeatureComputer walked date by date over the same box
 * scores (cutoff at the start of each date). Returns hex of the encoded vector per `playerId:gameId`.
 */
export function pureFeatureHex(logs: readonly PlayerGameLog[]): Map<string, string> {
  const byDate = new Map<string, PlayerGameLog[]>();
  for (const l of logs) byDate.set(l.gameDate, [...(byDate.get(l.gameDate) ?? []), l]);
  const computer = new FeatureComputer();
  const out = new Map<string, string>();
  for (const date of [...byDate.keys()].sort()) {
    const day = byDate.get(date) as PlayerGameLog[];
    const targets = day.map((l) => ({ ...l, cutoffAt: new Date(`${date}T00:00:00Z`) }));
    for (const v of computer.computeDate(date, targets)) out.set(`${v.playerId}:${v.gameId}`, encodeFeatureValues(v.values).toString('hex'));
    computer.ingestDate(date, day, buildTeamGameLogs(day));
  }
  return out;
}
