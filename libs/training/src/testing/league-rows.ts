import type { StatType } from '@propcast/contracts';
import { FeatureSetV1, isPlayed } from '@propcast/features';
import type { DateWindow, PlayerGameRows } from '../dataset/dataset.types';
import { PlayerGameRowsBuilder } from '../dataset/player-game-rows.builder';
import type { SyntheticLeague } from './synthetic-league';

/** The dataset rows a feature store holding `league` would give (played games only; row ids = position + 1, the insert order). */
export function leagueRows(league: SyntheticLeague, window: DateWindow = { from: '1900-01-01', to: '2999-12-31' }): PlayerGameRows {
  const builder = new PlayerGameRowsBuilder(FeatureSetV1.id, FeatureSetV1.featureNames, window, league.vectors.length);
  league.playerLogs.forEach((log, i) => {
    if (!isPlayed(log) || log.gameDate < window.from || log.gameDate > window.to) return;
    builder.add({
      rowId: i + 1,
      playerId: log.playerId,
      gameId: log.gameId,
      gameDate: log.gameDate,
      minutes: log.minutes,
      pts: log.pts,
      reb: log.reb,
      ast: log.ast,
      fg3m: log.fg3m,
      values: league.vectors[i].values,
    });
  });
  const lines = new Map<string, Partial<Record<StatType, number>>>();
  for (const l of league.lines) {
    const key = `${l.playerId}:${l.gameId}`;
    lines.set(key, { ...lines.get(key), [l.stat]: l.line });
  }
  return builder.build(lines);
}
