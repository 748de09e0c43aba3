import type { FeatureSet } from './feature-set';
import { FeatureSetV1 } from './feature-set-v1';
import { createFeatureComputer } from './feature-computers';
import { playerGameKey } from './prop-lines';
import { EMPTY_PREGAME_CONTEXT, type FeatureVector, type GameHistory, type PlayerGameLog, type PregameContext, type PropLineSnapshot, type TargetGame, type TeamGameLog } from './types';

interface DateBucket {
  targets: number[];
  playerLogs: PlayerGameLog[];
  teamLogs: TeamGameLog[];
}

/**
 * One-shot feature computation (online serving, datasets): walks dates in order, computing each target's
 * features from the history strictly before its date, then folding that date in. History on or after the
 * last target date is never read, so passing "everything we have" cannot leak. Results follow `targets` order.
 * Parity with a backfill requires the same history: every earlier game of the players and of the teams involved.
 * `context` (availability reports, game lines) is read by feature sets that use it, per target game.
 */
export function computeFeatures(
  history: GameHistory,
  targets: readonly TargetGame[],
  lines: readonly PropLineSnapshot[] = [],
  featureSet: FeatureSet = FeatureSetV1,
  context: PregameContext = EMPTY_PREGAME_CONTEXT,
): FeatureVector[] {
  const computer = createFeatureComputer(featureSet);
  if (targets.length === 0) return [];
  let lastTargetDate = targets[0].gameDate;
  for (const t of targets) if (t.gameDate > lastTargetDate) lastTargetDate = t.gameDate;

  const buckets = new Map<string, DateBucket>();
  const bucket = (date: string): DateBucket => {
    let b = buckets.get(date);
    if (b === undefined) {
      b = { targets: [], playerLogs: [], teamLogs: [] };
      buckets.set(date, b);
    }
    return b;
  };
  targets.forEach((t, i) => bucket(t.gameDate).targets.push(i));
  for (const log of history.playerLogs) if (log.gameDate < lastTargetDate) bucket(log.gameDate).playerLogs.push(log);
  for (const log of history.teamLogs) if (log.gameDate < lastTargetDate) bucket(log.gameDate).teamLogs.push(log);

  const wanted = new Set(targets.map((t) => playerGameKey(t.playerId, t.gameId)));
  const linesByGame = new Map<string, PropLineSnapshot[]>();
  for (const l of lines) {
    const key = playerGameKey(l.playerId, l.gameId);
    if (!wanted.has(key)) continue;
    const list = linesByGame.get(key);
    if (list === undefined) linesByGame.set(key, [l]);
    else list.push(l);
  }

  const reportsByGame = groupByGame(context.availability);
  const gameLinesByGame = groupByGame(context.gameLines);

  const results: FeatureVector[] = new Array(targets.length);
  for (const date of [...buckets.keys()].sort()) {
    const b = buckets.get(date) as DateBucket;
    if (b.targets.length > 0) {
      const dayTargets = b.targets.map((i) => targets[i]);
      const dayLines = dayTargets.flatMap((t) => linesByGame.get(playerGameKey(t.playerId, t.gameId)) ?? []);
      const games = [...new Set(dayTargets.map((t) => t.gameId))];
      const dayContext: PregameContext = {
        availability: games.flatMap((g) => reportsByGame.get(g) ?? []),
        gameLines: games.flatMap((g) => gameLinesByGame.get(g) ?? []),
      };
      const vectors = computer.computeDate(date, dayTargets, dayLines, dayContext);
      b.targets.forEach((i, k) => (results[i] = vectors[k]));
    }
    if (date < lastTargetDate) computer.ingestDate(date, b.playerLogs, b.teamLogs);
  }
  return results;
}

function groupByGame<T extends { gameId: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.gameId);
    if (list === undefined) out.set(item.gameId, [item]);
    else list.push(item);
  }
  return out;
}
