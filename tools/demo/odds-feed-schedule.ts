// Prints a schedule CSV (game_id,game_date,home_team,away_team) of the events of a The Odds API near-close export:
// the game's US date is that of its near-close snapshot, its id derived from date and home team as for game logs
// without ids. Only for measuring a season whose schedule is not in ../shared/data (2023-24): its lines then find
// their games, and the player matching of the whole feed can be counted. Usage: node -r @swc-node/register
// tools/demo/odds-feed-schedule.ts <feed.csv.gz>
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { deriveGameId, easternDate, resolveTeam } from '@propcast/ingestion';

const [header, ...lines] = gunzipSync(readFileSync(process.argv[2])).toString().trim().split('\n');
const col = Object.fromEntries(header.split(',').map((c, i) => [c, i]));
const games = new Set<string>();
for (const [n, line] of lines.entries()) {
  // A quoted player name may hold a comma ("Portis, Bobby"); the fields after it never do.
  const f = line.replace(/^"[^"]*"/, 'x').split(',');
  const home = resolveTeam(f[col['home_team']]);
  const away = resolveTeam(f[col['away_team']]);
  if (!home || !away) throw new Error(`row ${n + 2}: unknown team ${home ? f[col['away_team']] : f[col['home_team']]}`);
  const date = easternDate(new Date(f[col['timestamp']]));
  games.add(`${deriveGameId(date, home.id)},${date},${home.abbreviation},${away.abbreviation}`);
}
console.log(['game_id,game_date,home_team,away_team', ...games].join('\n'));
