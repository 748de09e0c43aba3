import { instantMs } from './dates';
import { InvalidFeatureInputError } from './errors';
import { STATUS_SEVERITY } from './feature-set-v2';
import type { AvailabilityReport, GameLineSnapshot } from './types';

/** A validated report: availability features use it only when made strictly before the target's cutoff. */
interface IndexedReport {
  playerId: number;
  severity: number;
  reportedMs: number;
}

/** The latest known status of each player of one team for one game, as of a cutoff. */
export interface TeamStatuses {
  /** Reports of the team made before the cutoff (0: nothing known, every availability feature is missing). */
  reports: number;
  /** Severity (STATUS_SEVERITY) of each reported player's latest report before the cutoff. */
  severity: Map<number, number>;
}

/** Key of a team in a game, shared by availability reports and targets. */
export function teamGameKey(gameId: string, teamId: number): string {
  return `${gameId}:${teamId}`;
}

/** Groups reports by team-game after validating status and report time (a bad report throws, naming its player and game). */
export function indexAvailability(reports: readonly AvailabilityReport[]): Map<string, IndexedReport[]> {
  const index = new Map<string, IndexedReport[]>();
  for (const r of reports) {
    const severity = STATUS_SEVERITY[r.status];
    if (severity === undefined)
      throw new InvalidFeatureInputError(`availability status "${String(r.status)}" of player ${r.playerId} in game ${r.gameId} is not one of ${Object.keys(STATUS_SEVERITY).join(', ')}`);
    const entry = { playerId: r.playerId, severity, reportedMs: instantMs(r.reportedAt, `availability reportedAt of player ${r.playerId} in game ${r.gameId}`) };
    const key = teamGameKey(r.gameId, r.teamId);
    const list = index.get(key);
    if (list === undefined) index.set(key, [entry]);
    else list.push(entry);
  }
  return index;
}

/**
 * Latest status per player among the reports made strictly before `cutoffMs` (a report at or after the cutoff was not
 * known yet); reports of one player at the same instant keep the most severe.
 */
export function statusesAsOf(reports: readonly IndexedReport[] | undefined, cutoffMs: number): TeamStatuses {
  const severity = new Map<number, number>();
  const latest = new Map<number, number>();
  let count = 0;
  for (const r of reports ?? []) {
    if (!(r.reportedMs < cutoffMs)) continue;
    count++;
    const seen = latest.get(r.playerId);
    if (seen === undefined || r.reportedMs > seen) {
      latest.set(r.playerId, r.reportedMs);
      severity.set(r.playerId, r.severity);
    } else if (r.reportedMs === seen && r.severity > (severity.get(r.playerId) as number)) {
      severity.set(r.playerId, r.severity);
    }
  }
  return { reports: count, severity };
}

/** A validated game line snapshot. */
interface IndexedGameLine {
  homeSpread: number;
  total: number;
  capturedMs: number;
}

/** Spread and total of a game as known at a cutoff (NaN when no snapshot before it had the value). */
export interface GameEnvironment {
  homeSpread: number;
  total: number;
}

/** Groups game line snapshots by game after validating their values and capture times. */
export function indexGameLines(lines: readonly GameLineSnapshot[]): Map<string, IndexedGameLine[]> {
  const index = new Map<string, IndexedGameLine[]>();
  for (const l of lines) {
    const value = (v: number | null, what: string): number => {
      if (v === null) return NaN;
      if (!Number.isFinite(v)) throw new InvalidFeatureInputError(`game line ${what} ${String(v)} of game ${l.gameId} (${l.book}) is not a number`);
      return v;
    };
    const entry = { homeSpread: value(l.homeSpread, 'homeSpread'), total: value(l.total, 'total'), capturedMs: instantMs(l.capturedAt, `game line capturedAt of game ${l.gameId}`) };
    const list = index.get(l.gameId);
    if (list === undefined) index.set(l.gameId, [entry]);
    else list.push(entry);
  }
  return index;
}

/**
 * The latest spread and the latest total captured strictly before `cutoffMs`, each averaged over the books that share
 * its latest instant; a snapshot without a spread (or total) does not hide an earlier one that had it.
 */
export function environmentAsOf(lines: readonly IndexedGameLine[] | undefined, cutoffMs: number): GameEnvironment {
  return { homeSpread: latestValue(lines, cutoffMs, 'homeSpread'), total: latestValue(lines, cutoffMs, 'total') };
}

function latestValue(lines: readonly IndexedGameLine[] | undefined, cutoffMs: number, field: 'homeSpread' | 'total'): number {
  let latest = -Infinity;
  let sum = 0;
  let count = 0;
  for (const l of lines ?? []) {
    const v = l[field];
    if (Number.isNaN(v) || !(l.capturedMs < cutoffMs)) continue;
    if (l.capturedMs > latest) {
      latest = l.capturedMs;
      sum = v;
      count = 1;
    } else if (l.capturedMs === latest) {
      sum += v;
      count++;
    }
  }
  return count > 0 ? sum / count : NaN;
}
