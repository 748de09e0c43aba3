import { assertFinite } from '../validation';

/** Data-quality flags attached to a prediction. */
export type QualityFlag = 'few_games' | 'minutes_volatile' | 'stale_line';

/** What the quality flags look at; null means unknown (no flag raised for that check). */
export interface QualityInput {
  gamesThisSeason: number;
  /** Standard deviation of minutes over recent games; null when undefined (fewer than two games). */
  minutesStd: number | null;
  /** Minutes since the line was captured; null when there is no line. */
  lineAgeMinutes: number | null;
}

/** Thresholds of {@link qualityFlags}. */
export interface QualityThresholds {
  /** few_games when gamesThisSeason < minGames. */
  minGames: number;
  /** minutes_volatile when minutesStd > maxMinutesStd. */
  maxMinutesStd: number;
  /** stale_line when lineAgeMinutes > maxLineAgeMinutes. */
  maxLineAgeMinutes: number;
}

export const DEFAULT_QUALITY_THRESHOLDS: Readonly<QualityThresholds> = Object.freeze({ minGames: 10, maxMinutesStd: 8, maxLineAgeMinutes: 180 });

/** Flags for thin history, volatile minutes and stale lines, in that order. */
export function qualityFlags(input: QualityInput, thresholds: Partial<QualityThresholds> = {}): QualityFlag[] {
  const t = { ...DEFAULT_QUALITY_THRESHOLDS, ...thresholds };
  assertFinite(input.gamesThisSeason, 'gamesThisSeason');
  const flags: QualityFlag[] = [];
  if (input.gamesThisSeason < t.minGames) flags.push('few_games');
  if (input.minutesStd !== null && input.minutesStd > t.maxMinutesStd) flags.push('minutes_volatile');
  if (input.lineAgeMinutes !== null && input.lineAgeMinutes > t.maxLineAgeMinutes) flags.push('stale_line');
  return flags;
}
