import { setTimeout as sleep } from 'node:timers/promises';
import { eventsConsumed } from '../metrics';

type Falsy = false | 0 | '' | null | undefined;

/** Polls `check` until it returns a truthy value (returned) or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 10_000, what = 'condition'): Promise<Exclude<T, Falsy>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as Exclude<T, Falsy>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

/** `propcast_events_consumed_total` for one consumer group and outcome. */
export async function consumedCount(group: string, outcome: string): Promise<number> {
  const { values } = await eventsConsumed.get();
  return values.filter((v) => v.labels.group === group && v.labels.outcome === outcome).reduce((sum, v) => sum + v.value, 0);
}

/** A short random suffix for per-test names. */
export function uniqueSuffix(): string {
  return Math.random().toString(36).slice(2, 10);
}
