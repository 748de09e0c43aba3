/** One NBA franchise: its stable NBA TEAM_ID, current tricode, city and nickname, and older names. */
export interface NbaTeam {
  id: number;
  abbreviation: string;
  city: string;
  name: string;
  /** Tricodes other sources or earlier seasons use (NOH, NJN, SEA, PHO, BRK...). */
  formerAbbreviations: readonly string[];
  /** Full names the franchise played under before (e.g. "New Jersey Nets"). */
  formerNames: readonly string[];
}

/** The 30 NBA franchises with their NBA TEAM_IDs: the rows of the `teams` table. */
export const NBA_TEAMS: readonly NbaTeam[] = [
  { id: 1610612737, abbreviation: 'ATL', city: 'Atlanta', name: 'Hawks', formerAbbreviations: [], formerNames: [] },
  { id: 1610612738, abbreviation: 'BOS', city: 'Boston', name: 'Celtics', formerAbbreviations: [], formerNames: [] },
  { id: 1610612751, abbreviation: 'BKN', city: 'Brooklyn', name: 'Nets', formerAbbreviations: ['NJN', 'BRK', 'BK'], formerNames: ['New Jersey Nets'] },
  { id: 1610612766, abbreviation: 'CHA', city: 'Charlotte', name: 'Hornets', formerAbbreviations: ['CHH', 'CHO'], formerNames: ['Charlotte Bobcats'] },
  { id: 1610612741, abbreviation: 'CHI', city: 'Chicago', name: 'Bulls', formerAbbreviations: [], formerNames: [] },
  { id: 1610612739, abbreviation: 'CLE', city: 'Cleveland', name: 'Cavaliers', formerAbbreviations: [], formerNames: [] },
  { id: 1610612742, abbreviation: 'DAL', city: 'Dallas', name: 'Mavericks', formerAbbreviations: [], formerNames: [] },
  { id: 1610612743, abbreviation: 'DEN', city: 'Denver', name: 'Nuggets', formerAbbreviations: [], formerNames: [] },
  { id: 1610612765, abbreviation: 'DET', city: 'Detroit', name: 'Pistons', formerAbbreviations: [], formerNames: [] },
  { id: 1610612744, abbreviation: 'GSW', city: 'Golden State', name: 'Warriors', formerAbbreviations: ['GS', 'GOS'], formerNames: [] },
  { id: 1610612745, abbreviation: 'HOU', city: 'Houston', name: 'Rockets', formerAbbreviations: [], formerNames: [] },
  { id: 1610612754, abbreviation: 'IND', city: 'Indiana', name: 'Pacers', formerAbbreviations: [], formerNames: [] },
  { id: 1610612746, abbreviation: 'LAC', city: 'LA', name: 'Clippers', formerAbbreviations: ['SDC'], formerNames: ['Los Angeles Clippers', 'L.A. Clippers', 'San Diego Clippers'] },
  { id: 1610612747, abbreviation: 'LAL', city: 'Los Angeles', name: 'Lakers', formerAbbreviations: [], formerNames: ['LA Lakers', 'L.A. Lakers'] },
  { id: 1610612763, abbreviation: 'MEM', city: 'Memphis', name: 'Grizzlies', formerAbbreviations: ['VAN'], formerNames: ['Vancouver Grizzlies'] },
  { id: 1610612748, abbreviation: 'MIA', city: 'Miami', name: 'Heat', formerAbbreviations: [], formerNames: [] },
  { id: 1610612749, abbreviation: 'MIL', city: 'Milwaukee', name: 'Bucks', formerAbbreviations: [], formerNames: [] },
  { id: 1610612750, abbreviation: 'MIN', city: 'Minnesota', name: 'Timberwolves', formerAbbreviations: [], formerNames: [] },
  {
    id: 1610612740,
    abbreviation: 'NOP',
    city: 'New Orleans',
    name: 'Pelicans',
    formerAbbreviations: ['NOH', 'NOK', 'NO', 'NOR'],
    formerNames: ['New Orleans Hornets', 'New Orleans/Oklahoma City Hornets'],
  },
  { id: 1610612752, abbreviation: 'NYK', city: 'New York', name: 'Knicks', formerAbbreviations: ['NY'], formerNames: [] },
  { id: 1610612760, abbreviation: 'OKC', city: 'Oklahoma City', name: 'Thunder', formerAbbreviations: ['SEA'], formerNames: ['Seattle SuperSonics'] },
  { id: 1610612753, abbreviation: 'ORL', city: 'Orlando', name: 'Magic', formerAbbreviations: [], formerNames: [] },
  { id: 1610612755, abbreviation: 'PHI', city: 'Philadelphia', name: '76ers', formerAbbreviations: [], formerNames: [] },
  { id: 1610612756, abbreviation: 'PHX', city: 'Phoenix', name: 'Suns', formerAbbreviations: ['PHO'], formerNames: [] },
  { id: 1610612757, abbreviation: 'POR', city: 'Portland', name: 'Trail Blazers', formerAbbreviations: [], formerNames: [] },
  { id: 1610612758, abbreviation: 'SAC', city: 'Sacramento', name: 'Kings', formerAbbreviations: ['KCK'], formerNames: ['Kansas City Kings'] },
  { id: 1610612759, abbreviation: 'SAS', city: 'San Antonio', name: 'Spurs', formerAbbreviations: ['SA'], formerNames: [] },
  { id: 1610612761, abbreviation: 'TOR', city: 'Toronto', name: 'Raptors', formerAbbreviations: [], formerNames: [] },
  { id: 1610612762, abbreviation: 'UTA', city: 'Utah', name: 'Jazz', formerAbbreviations: ['UTAH', 'UTH'], formerNames: [] },
  { id: 1610612764, abbreviation: 'WAS', city: 'Washington', name: 'Wizards', formerAbbreviations: ['WSH', 'WSB'], formerNames: ['Washington Bullets'] },
];

/** Cities of more than one team. */
const SHARED_CITIES = new Set(['la', 'losangeles']);
const BY_ID = new Map(NBA_TEAMS.map((t) => [t.id, t]));
const BY_KEY = buildKeyIndex();

function teamKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Every spelling a source may use (tricode, old tricode, "City Name", nickname, unique city) → team. */
function buildKeyIndex(): Map<string, NbaTeam> {
  const index = new Map<string, NbaTeam>();
  for (const t of NBA_TEAMS) {
    const keys = [t.abbreviation, ...t.formerAbbreviations, `${t.city} ${t.name}`, t.name, ...t.formerNames];
    // "Los Angeles" (or "LA") names two teams: a city alone only identifies the others.
    if (!SHARED_CITIES.has(teamKey(t.city))) keys.push(t.city);
    for (const k of keys) index.set(teamKey(k), t);
  }
  return index;
}

/** The team with this NBA TEAM_ID, or undefined. */
export function teamById(id: number): NbaTeam | undefined {
  return BY_ID.get(id);
}

/**
 * Resolves a tricode (current or historical: NOH/NOK→NOP, NJN→BKN, SEA→OKC, CHH→CHA), a full name
 * ("Los Angeles Lakers", "LA Clippers"), a nickname ("Lakers"), a unique city ("Boston") or a TEAM_ID to a team.
 */
export function resolveTeam(text: string | number): NbaTeam | undefined {
  if (typeof text === 'number') return BY_ID.get(text);
  const trimmed = text.trim();
  if (/^\d{10}$/.test(trimmed)) return BY_ID.get(Number(trimmed));
  return BY_KEY.get(teamKey(trimmed));
}
