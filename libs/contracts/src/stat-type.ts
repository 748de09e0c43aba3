import { z } from 'zod';

/** Stats we predict; mirrors the Prisma `StatType` enum value for value. */
export const StatType = {
  POINTS: 'POINTS',
  REBOUNDS: 'REBOUNDS',
  ASSISTS: 'ASSISTS',
  THREES: 'THREES',
  PRA: 'PRA',
} as const;
export type StatType = (typeof StatType)[keyof typeof StatType];

/** Every stat, in a stable order. */
export const ALL_STATS: readonly StatType[] = Object.freeze(Object.values(StatType));

export const StatTypeSchema = z.enum(StatType);

/**
 * What a registered model predicts: a prop stat, or MINUTES (the minutes model of feature set v2, whose projection
 * feeds the stat models). MINUTES is a model target, never a prop market: it has no lines, predictions or grades, and
 * is not in ALL_STATS. Mirrors the Prisma `StatType` enum (which holds MINUTES for the registry's sake).
 */
export const MINUTES_TARGET = 'MINUTES' as const;

/**
 * Model input holding the minutes model's projection of the player's minutes. Not a stored feature: it depends on a
 * model, so it is computed when a stat model trains (out of fold), is evaluated, backtested or serves, and appended
 * after the feature set's columns.
 */
export const MINUTES_PROJECTION_FEATURE = 'minutes_projection';
export type ModelTarget = StatType | typeof MINUTES_TARGET;

/** Every model target: the prop stats, then MINUTES. */
export const MODEL_TARGETS: readonly ModelTarget[] = Object.freeze([...ALL_STATS, MINUTES_TARGET]);

export const ModelTargetSchema = z.enum({ ...StatType, MINUTES: MINUTES_TARGET });
