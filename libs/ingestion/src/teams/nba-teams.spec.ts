import { NBA_TEAMS, resolveTeam, teamById } from './nba-teams';

describe('NBA team table', () => {
  it('holds the 30 franchises with unique NBA TEAM_IDs and tricodes', () => {
    expect(NBA_TEAMS).toHaveLength(30);
    expect(new Set(NBA_TEAMS.map((t) => t.id)).size).toBe(30);
    expect(new Set(NBA_TEAMS.map((t) => t.abbreviation)).size).toBe(30);
    expect(teamById(1610612747)?.abbreviation).toBe('LAL');
  });

  it.each([
    ['NOH', 'NOP'],
    ['NOK', 'NOP'],
    ['NJN', 'BKN'],
    ['SEA', 'OKC'],
    ['CHH', 'CHA'],
    ['PHO', 'PHX'],
    ['Los Angeles Lakers', 'LAL'],
    ['LA Clippers', 'LAC'],
    ['Los Angeles Clippers', 'LAC'],
    ['Philadelphia 76ers', 'PHI'],
    ['Portland Trail Blazers', 'POR'],
    ['Boston', 'BOS'],
    ['Celtics', 'BOS'],
    ['Charlotte Bobcats', 'CHA'],
    ['1610612744', 'GSW'],
  ])('resolves %s to %s', (text, abbreviation) => {
    expect(resolveTeam(text)?.abbreviation).toBe(abbreviation);
  });

  it('does not guess a city shared by two teams, nor a non-NBA club', () => {
    expect(resolveTeam('Los Angeles')).toBeUndefined();
    expect(resolveTeam('ADL')).toBeUndefined();
    expect(resolveTeam('Team LeBron')).toBeUndefined();
  });
});
