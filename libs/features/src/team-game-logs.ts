import { InvalidFeatureInputError } from './errors';
import { isPlayed } from './stat-extractors';
import type { PlayerGameLog, TeamGameLog } from './types';

type Totals = Pick<TeamGameLog, 'pts' | 'reb' | 'ast' | 'fga' | 'fta' | 'oreb' | 'tov'>;
const TOTAL_FIELDS = ['pts', 'reb', 'ast', 'fga', 'fta', 'oreb', 'tov'] as const;

/**
 * Derives team totals from player rows (one TeamGameLog per team and game, in first-seen order).
 * Needs every player row of both teams; a played row with an unknown stat makes that team total null,
 * DNP rows count as zero. The opponent fields are null when the opponent's rows are absent.
 */
export function buildTeamGameLogs(playerLogs: readonly PlayerGameLog[]): TeamGameLog[] {
  const byKey = new Map<string, TeamGameLog>();
  for (const row of playerLogs) {
    const key = `${row.gameId}:${row.teamId}`;
    let team = byKey.get(key);
    if (team === undefined) {
      team = {
        teamId: row.teamId,
        opponentTeamId: row.opponentTeamId,
        gameId: row.gameId,
        gameDate: row.gameDate,
        season: row.season,
        pts: 0,
        reb: 0,
        ast: 0,
        fga: 0,
        fta: 0,
        oreb: 0,
        tov: 0,
        oppPts: null,
        oppReb: null,
        oppAst: null,
      };
      byKey.set(key, team);
    } else if (team.opponentTeamId !== row.opponentTeamId || team.gameDate !== row.gameDate) {
      throw new InvalidFeatureInputError(`player rows of team ${row.teamId} in game ${row.gameId} disagree on opponent or date`);
    }
    if (isPlayed(row)) addRow(team, row);
  }
  for (const team of byKey.values()) {
    const opp = byKey.get(`${team.gameId}:${team.opponentTeamId}`);
    if (opp === undefined) continue;
    team.oppPts = opp.pts;
    team.oppReb = opp.reb;
    team.oppAst = opp.ast;
  }
  return [...byKey.values()];
}

function addRow(team: Totals, row: PlayerGameLog): void {
  for (const f of TOTAL_FIELDS) {
    const total = team[f];
    const v = row[f];
    team[f] = total === null || v === null ? null : total + v;
  }
}
