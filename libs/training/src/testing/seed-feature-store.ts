import { copyRows, withPgTransaction } from '@propcast/db';
import { encodeFeatureValues, FeatureSetV1 } from '@propcast/features';
import type { Pool } from 'pg';
import type { SyntheticGame, SyntheticLeague } from './synthetic-league';

/** What a seeded feature store holds; games may name their season type (default REGULAR). */
export type FeatureStoreSeed = Pick<SyntheticLeague, 'teamIds' | 'players' | 'playerLogs' | 'vectors' | 'lines'> & {
  games: (SyntheticGame & { seasonType?: string })[];
};

/**
 * Writes a league into a migrated database the way ingestion and the feature store would: teams, players, games,
 * player_game_stats (DNPs included), feature_sets, feature_rows (v1 vectors, ids in log order) and prop_lines. COPY, one transaction.
 */
export async function seedFeatureStore(pool: Pool, league: FeatureStoreSeed): Promise<void> {
  const now = new Date();
  await withPgTransaction(pool, async (client) => {
    await copyRows(
      client,
      'teams',
      ['id', 'abbreviation', 'city', 'name', 'updated_at'],
      league.teamIds.map((id) => [id, `T${id}`, `City ${id}`, `Team ${id}`, now]),
    );
    await copyRows(
      client,
      'players',
      ['id', 'name', 'normalized_name', 'updated_at'],
      league.players.map((p) => [p.id, `Player ${p.id}`, `player ${p.id}`, now]),
    );
    await copyRows(
      client,
      'games',
      ['id', 'game_date', 'season', 'season_type', 'home_team_id', 'away_team_id', 'status', 'updated_at'],
      league.games.map((g) => [g.id, g.date, g.season, g.seasonType ?? 'REGULAR', g.homeTeamId, g.awayTeamId, 'FINAL', now]),
    );
    await copyRows(
      client,
      'player_game_stats',
      ['player_id', 'game_id', 'game_date', 'team_id', 'opponent_team_id', 'is_home', 'dnp', 'minutes', 'fgm', 'fga', 'fg3m', 'fta', 'oreb', 'reb', 'ast', 'tov', 'pts', 'batch_id', 'updated_at'],
      league.playerLogs.map((l) => [
        l.playerId,
        l.gameId,
        l.gameDate,
        l.teamId,
        l.opponentTeamId,
        l.isHome,
        l.dnp,
        l.minutes,
        l.fgm,
        l.fga,
        l.fg3m,
        l.fta,
        l.oreb,
        l.reb,
        l.ast,
        l.tov,
        l.pts,
        'seed',
        now,
      ]),
    );
    await copyRows(
      client,
      'feature_sets',
      ['id', 'name', 'version', 'feature_names', 'definition_hash'],
      [[FeatureSetV1.id, FeatureSetV1.name, FeatureSetV1.version, FeatureSetV1.featureNames, FeatureSetV1.definitionHash]],
    );
    await copyRows(
      client,
      'feature_rows',
      ['feature_set_id', 'player_id', 'game_id', 'game_date', 'team_id', 'opponent_team_id', 'cutoff_at', 'values'],
      league.vectors.map((v) => [v.featureSetId, v.playerId, v.gameId, v.gameDate, v.teamId, v.opponentTeamId, v.cutoffAt, encodeFeatureValues(v.values)]),
    );
    const gameDate = new Map(league.games.map((g) => [g.id, g.date]));
    await copyRows(
      client,
      'prop_lines',
      ['player_id', 'game_id', 'game_date', 'stat', 'line', 'book', 'captured_at', 'batch_id'],
      league.lines.map((l) => [l.playerId, l.gameId, gameDate.get(l.gameId) ?? null, l.stat, l.line, l.book, new Date(l.capturedAt), 'seed']),
    );
  });
}
