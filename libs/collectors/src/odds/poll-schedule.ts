/** One tier of the polling schedule: events tipping off within `withinMinutes` are polled every `everyMinutes`. */
export interface PollTier {
  withinMinutes: number;
  everyMinutes: number;
}

/** Default tiers: every 5 min in the last hour, 15 min within 3 h, hourly within 12 h, every 3 h within 36 h. */
export const DEFAULT_POLL_TIERS = '60:5,180:15,720:60,2160:180';

/** Parses `within:every,...` (minutes) into tiers sorted by `within`; throws naming the bad entry. */
export function parsePollTiers(text: string): PollTier[] {
  const tiers = text.split(',').map((entry) => {
    const m = /^\s*(\d+)\s*:\s*(\d+)\s*$/.exec(entry);
    if (!m || Number(m[2]) <= 0) throw new Error(`"${entry}" is not within:every in minutes (e.g. 60:5)`);
    return { withinMinutes: Number(m[1]), everyMinutes: Number(m[2]) };
  });
  return tiers.sort((a, b) => a.withinMinutes - b.withinMinutes);
}

/** Minutes between polls of an event tipping off at `tipoff`, or null: started, or beyond the last tier. */
export function pollIntervalMinutes(tiers: readonly PollTier[], tipoff: Date, now: Date): number | null {
  const minutesToTip = (tipoff.getTime() - now.getTime()) / 60_000;
  if (minutesToTip <= 0) return null;
  return tiers.find((t) => minutesToTip <= t.withinMinutes)?.everyMinutes ?? null;
}

/** True when an event last polled at `lastPolled` (null: never) is due now. */
export function isDue(tiers: readonly PollTier[], tipoff: Date, lastPolled: Date | null, now: Date): boolean {
  const every = pollIntervalMinutes(tiers, tipoff, now);
  if (every === null) return false;
  // A little slack so a cron every 5 minutes that fires a few seconds early still polls a 5-minute tier.
  return lastPolled === null || now.getTime() - lastPolled.getTime() >= every * 60_000 - 30_000;
}
