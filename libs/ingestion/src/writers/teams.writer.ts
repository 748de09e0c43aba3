import type { PoolClient } from 'pg';
import { NBA_TEAMS } from '../teams/nba-teams';

/** Makes the `teams` table hold the 30 NBA teams of the static table (inserted once, renamed when the table changes). */
export async function seedTeams(client: PoolClient, now: Date): Promise<void> {
  await client.query(
    `INSERT INTO teams (id, abbreviation, city, name, updated_at)
     SELECT t.id, t.abbreviation, t.city, t.name, $5::timestamp(3) FROM unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS t(id, abbreviation, city, name)
     ON CONFLICT (id) DO UPDATE SET abbreviation = EXCLUDED.abbreviation, city = EXCLUDED.city, name = EXCLUDED.name, updated_at = EXCLUDED.updated_at
     WHERE (teams.abbreviation, teams.city, teams.name) IS DISTINCT FROM (EXCLUDED.abbreviation, EXCLUDED.city, EXCLUDED.name)`,
    [NBA_TEAMS.map((t) => t.id), NBA_TEAMS.map((t) => t.abbreviation), NBA_TEAMS.map((t) => t.city), NBA_TEAMS.map((t) => t.name), now.toISOString()],
  );
}
