import { ValidationFailedError } from '../validation/problems';

/** Season types of the Prisma enum SeasonType. */
export type SeasonType = 'PRESEASON' | 'REGULAR' | 'PLAYOFFS' | 'PLAYIN';

/** A raw field value as a reader produced it: CSV text, or a JSON scalar. */
export type RawValue = unknown;

/** True for a missing value: undefined, null, or empty/blank text. */
export function isBlank(v: RawValue): boolean {
  if (v === undefined || v === null) return true;
  return typeof v === 'string' && (v.length === 0 || v.trim().length === 0);
}

function fail(row: number, field: string, message: string): never {
  throw new ValidationFailedError(row, field, message);
}

function show(v: RawValue): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function toNumber(v: RawValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return Number(v);
  return NaN;
}

/** A whole number ≥ 0 and ≤ `max` ("7", "7.0" or 7), or null when blank. */
export function parseCount(v: RawValue, row: number, field: string, max: number): number | null {
  if (isBlank(v)) return null;
  const n = toNumber(v);
  if (!Number.isInteger(n)) fail(row, field, `${show(v)} is not a whole number`);
  if (n < 0 || n > max) fail(row, field, `${n} is out of range (0 to ${max})`);
  return n;
}

/** A whole number, possibly negative, within ±`limit`, or null when blank. */
export function parseSignedInt(v: RawValue, row: number, field: string, limit: number): number | null {
  if (isBlank(v)) return null;
  const n = toNumber(v);
  if (!Number.isInteger(n)) fail(row, field, `${show(v)} is not a whole number`);
  if (Math.abs(n) > limit) fail(row, field, `${n} is out of range (-${limit} to ${limit})`);
  return n;
}

/** A finite number, or null when blank. */
export function parseDecimal(v: RawValue, row: number, field: string): number | null {
  if (isBlank(v)) return null;
  const n = toNumber(v);
  if (!Number.isFinite(n)) fail(row, field, `${show(v)} is not a number`);
  return n;
}

const CLOCK = /^(\d{1,3}):(\d{1,2})(?:\.\d+)?$/;
const ISO_DURATION = /^PT(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/;

/** Minutes played as decimal minutes: `34`, `34.5`, `34:12` (mm:ss) or `PT34M12.00S`; null when blank. */
export function parseMinutes(v: RawValue, row: number, field: string): number | null {
  if (isBlank(v)) return null;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) fail(row, field, `${show(v)} is not a number of minutes`);
    return v;
  }
  const s = String(v).trim();
  const n = Number(s);
  if (Number.isFinite(n)) return n;
  const clock = CLOCK.exec(s);
  if (clock) {
    const seconds = Number(clock[2]);
    // stats.nba.com writes a rounded-up 59.5+ s as ":60" (e.g. "33:60" in 0021800004): that is the next whole minute.
    if (seconds > 60) fail(row, field, `${show(v)} has ${seconds} seconds; expected mm:ss`);
    return Number(clock[1]) + seconds / 60;
  }
  const iso = ISO_DURATION.exec(s);
  if (iso && (iso[1] || iso[2])) return Number(iso[1] ?? 0) + Number(iso[2] ?? 0) / 60;
  return fail(row, field, `${show(v)} is not minutes (expected 34, 34.5 or 34:12)`);
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00(?:\.0+)?)?)?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const NAMED_DATE = /^([A-Za-z]{3})[a-z]*\.? (\d{1,2}), (\d{4})$/;

function isoDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1946 || y > 2100 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A calendar date as `YYYY-MM-DD` from `2019-04-10`, `2019-04-10T00:00:00`, `04/10/2019` or `APR 10, 2019`; null when blank. */
export function parseGameDate(v: RawValue, row: number, field: string): string | null {
  if (isBlank(v)) return null;
  const s = String(v).trim();
  let parts: [number, number, number] | null = null;
  let m = ISO_DATE.exec(s);
  if (m) parts = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = US_DATE.exec(s))) parts = [Number(m[3]), Number(m[1]), Number(m[2])];
  else if ((m = NAMED_DATE.exec(s)) && MONTHS[m[1].toLowerCase()]) parts = [Number(m[3]), MONTHS[m[1].toLowerCase()], Number(m[2])];
  const date = parts && isoDate(...parts);
  if (!date) fail(row, field, `${show(v)} is not a date (expected YYYY-MM-DD)`);
  return date;
}

const INSTANT = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?$/i;

/** An instant from ISO-8601 (`2024-12-21T23:10:00Z`, an offset, or no zone = UTC); null when blank. */
export function parseInstant(v: RawValue, row: number, field: string): Date | null {
  if (isBlank(v)) return null;
  const m = INSTANT.exec(String(v).trim());
  const date = m ? new Date(`${m[1]}T${m[2]}${m[3] ?? 'Z'}`) : null;
  if (!date || Number.isNaN(date.getTime())) fail(row, field, `${show(v)} is not a date-time (expected ISO-8601, e.g. 2024-12-21T23:10:00Z)`);
  return date;
}

/** A 10-digit NBA GAME_ID, restoring the leading zeros an integer column lost (21801227 → 0021801227); null when blank. */
export function parseGameId(v: RawValue, row: number, field: string): string | null {
  if (isBlank(v)) return null;
  const s = typeof v === 'number' ? String(v) : String(v).trim().replace(/\.0+$/, '');
  if (!/^\d{1,10}$/.test(s) || Number(s) === 0) fail(row, field, `${show(v)} is not an NBA game id (10 digits, e.g. 0021800001)`);
  return s.padStart(10, '0');
}

/** The type a GAME_ID encodes in digits 1-3 (001 preseason, 002 regular, 003 All-Star, 004 playoffs, 005 play-in). */
export function gameTypeOfGameId(gameId: string): SeasonType | 'ALL_STAR' | undefined {
  switch (gameId.slice(0, 3)) {
    case '001':
      return 'PRESEASON';
    case '002':
      return 'REGULAR';
    case '003':
      return 'ALL_STAR';
    case '004':
      return 'PLAYOFFS';
    case '005':
      return 'PLAYIN';
    default:
      return undefined;
  }
}

/** Season label of the starting year: 2018 → "2018-19". */
export function seasonLabel(startYear: number): string {
  return `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** The season a GAME_ID encodes in digits 4-5 ("0021800001" → "2018-19"). */
export function seasonOfGameId(gameId: string): string {
  const yy = Number(gameId.slice(3, 5));
  return seasonLabel(yy >= 46 ? 1900 + yy : 2000 + yy);
}

/**
 * The dates a game of this GAME_ID's season can have: September 1 of its first year to October 31 of the next (the
 * 2019-20 playoffs ended on 2020-10-11; the 2020-21 preseason began in December 2020).
 */
export function seasonWindowOfGameId(gameId: string): { from: string; to: string } {
  const yy = Number(gameId.slice(3, 5));
  const start = yy >= 46 ? 1900 + yy : 2000 + yy;
  return { from: `${start}-09-01`, to: `${start + 1}-10-31` };
}

/** A season label from "2018-19", "2018-2019", "2018" or a SEASON_ID such as "22018"; null when blank. */
export function parseSeason(v: RawValue, row: number, field: string): string | null {
  if (isBlank(v)) return null;
  const s = String(v).trim();
  let m = /^(\d{4})-(\d{2}|\d{4})$/.exec(s);
  if (m) {
    const start = Number(m[1]);
    if (Number(m[2].slice(-2)) === (start + 1) % 100) return seasonLabel(start);
  } else if ((m = /^[1-6]?(\d{4})$/.exec(s))) {
    const start = Number(m[1]);
    if (start >= 1946 && start <= 2100) return seasonLabel(start);
  }
  return fail(row, field, `${show(v)} is not a season (expected e.g. 2018-19)`);
}

const TRUE = new Set(['1', 'true', 't', 'yes', 'y']);
const FALSE = new Set(['0', 'false', 'f', 'no', 'n']);

/** A boolean from 1/0, true/false, yes/no (or a JSON boolean); null when blank. */
export function parseBoolean(v: RawValue, row: number, field: string): boolean | null {
  if (isBlank(v)) return null;
  if (typeof v === 'boolean') return v;
  const s = String(v).trim().toLowerCase().replace(/\.0+$/, '');
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return fail(row, field, `${show(v)} is not a boolean (expected 1/0 or true/false)`);
}

/** A positive whole-number id (PLAYER_ID, TEAM_ID); null when blank. */
export function parseId(v: RawValue, row: number, field: string): number | null {
  if (isBlank(v)) return null;
  const n = toNumber(typeof v === 'string' ? v.trim() : v);
  if (!Number.isSafeInteger(n) || n <= 0) fail(row, field, `${show(v)} is not a valid id (a positive whole number)`);
  return n;
}

/** American odds (-110, +150, 100); |odds| < 100 does not exist. Null when blank. */
export function parseAmericanOdds(v: RawValue, row: number, field: string): number | null {
  if (isBlank(v)) return null;
  const n = toNumber(typeof v === 'string' ? v.trim().replace(/^\+/, '') : v);
  if (!Number.isInteger(n)) fail(row, field, `${show(v)} is not American odds (e.g. -110 or +150)`);
  if (Math.abs(n) < 100 || Math.abs(n) > 100_000) fail(row, field, `${n} is not valid American odds (must be ≤ -100 or ≥ +100)`);
  return n;
}

/** Trimmed text, or null when blank. */
export function parseText(v: RawValue): string | null {
  if (isBlank(v)) return null;
  return String(v).trim();
}

/** Trimmed text that Postgres can store (no NUL byte: a text column refuses \u0000), or null when blank. */
export function parseStorableText(v: RawValue, row: number, field: string): string | null {
  const text = parseText(v);
  if (text !== null && text.includes('\u0000')) fail(row, field, `contains a NUL byte (\\u0000) at character ${text.indexOf('\u0000') + 1}, which cannot be stored`);
  return text;
}
