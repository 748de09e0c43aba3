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
