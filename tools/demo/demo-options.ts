// Command-line options of `npm run demo`.

export type DemoFeatureSet = 'v1' | 'v2' | 'v3';

export interface DemoOptions {
  day: string;
  keep: boolean;
  retrain: boolean;
  /** Feature set the stat models are trained on and served with (default v3). */
  featureSet: DemoFeatureSet;
  /** Train a MINUTES model and give the stat models its projection (default on; not with v1). */
  minutesProjection: boolean;
  /** Replay the day's line moves and availability reports after the first batch. */
  live: boolean;
  /** Replay speed: simulated seconds per real second. */
  speed: number;
  /** Only events of this window (UTC time of the day, HH:MM). */
  liveFrom: string | null;
  liveTo: string | null;
}

export const DEMO_USAGE =
  'npm run demo -- [--day YYYY-MM-DD] [--keep] [--retrain] [--feature-set v1|v2|v3] [--no-minutes-projection]\n' + '                [--live [--speed N] [--live-from HH:MM] [--live-to HH:MM]]';

/** Default replay speed: an afternoon of news in about a minute. */
export const DEFAULT_LIVE_SPEED = 600;

function value(argv: string[], i: number, name: string): string {
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value (try --help)`);
  return v;
}

/** Parses the demo's arguments; throws naming the option on a bad one. Returns null for --help. */
export function parseDemoOptions(argv: string[]): DemoOptions | null {
  const opts: DemoOptions = { day: '2021-05-16', keep: false, retrain: false, featureSet: 'v3', minutesProjection: true, live: false, speed: DEFAULT_LIVE_SPEED, liveFrom: null, liveTo: null };
  let liveWindowAsked = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help') return null;
    else if (arg === '--keep') opts.keep = true;
    else if (arg === '--retrain') opts.retrain = true;
    else if (arg === '--live') opts.live = true;
    else if (arg === '--no-minutes-projection') opts.minutesProjection = false;
    else if (arg === '--day') opts.day = value(argv, i++, arg);
    else if (arg === '--feature-set') {
      const v = value(argv, i++, arg);
      if (v !== 'v1' && v !== 'v2' && v !== 'v3') throw new Error(`--feature-set must be v1, v2 or v3, got "${v}"`);
      opts.featureSet = v;
    } else if (arg === '--speed') {
      const v = value(argv, i++, arg);
      opts.speed = Number(v);
      if (!Number.isFinite(opts.speed) || opts.speed <= 0) throw new Error(`--speed must be a positive number, got "${v}"`);
    } else if (arg === '--live-from' || arg === '--live-to') {
      const v = value(argv, i++, arg);
      if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(v)) throw new Error(`${arg} must be HH:MM (UTC), got "${v}"`);
      if (arg === '--live-from') opts.liveFrom = v;
      else opts.liveTo = v;
      liveWindowAsked = true;
    } else throw new Error(`unknown option ${arg} (try --help)`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.day)) throw new Error(`--day must be YYYY-MM-DD, got "${opts.day}"`);
  // --feature-set v1 is the demo as it was before v2/v3: v1 stat models, no minutes model.
  if (opts.featureSet === 'v1') opts.minutesProjection = false;
  if ((liveWindowAsked || argv.includes('--speed')) && !opts.live) throw new Error('--speed, --live-from and --live-to go with --live');
  if (opts.liveFrom && opts.liveTo && opts.liveFrom >= opts.liveTo) throw new Error(`--live-from ${opts.liveFrom} must be before --live-to ${opts.liveTo}`);
  return opts;
}

/** The UTC instant of HH:MM on the day, or undefined. */
export function instantOf(day: string, hhmm: string | null): Date | undefined {
  return hhmm ? new Date(`${day}T${hhmm}:00Z`) : undefined;
}
