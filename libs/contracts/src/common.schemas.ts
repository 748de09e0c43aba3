import { z } from 'zod';

/** Calendar date of an NBA game day, `YYYY-MM-DD` (a real date: 2023-02-29 is rejected). */
export const GameDateSchema = z.iso.date();

/** Non-empty identifier (batch, run, model, feature set...). */
export const IdSchema = z.string().trim().min(1);

/** NBA GAME_ID: 10 digits with leading zeros, e.g. `0022300001`. */
export const GameIdSchema = z.string().regex(/^\d{10}$/, 'expected a 10-digit NBA game id');

/** NBA PLAYER_ID. */
export const PlayerIdSchema = z.int().positive();

/** Feature set id `<name>@v<version>`, e.g. `player-props@v1`. */
export const FeatureSetIdSchema = z.string().regex(/^[\w.-]+@v\d+$/, 'expected "<name>@v<version>"');

/** Non-negative integer count. */
export const CountSchema = z.int().nonnegative();

/** American odds (e.g. -110, +150), or null when the book did not post a price. */
export const AmericanOddsSchema = z.int().nullable();
