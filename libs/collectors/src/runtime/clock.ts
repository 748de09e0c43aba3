/** Time as a collector sees it: the real clock in production, a simulated one in tests (a game day in seconds). */
export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

/** The wall clock. */
export const SYSTEM_CLOCK: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
