import { normalizePlayerName } from './player-names';

describe('normalizePlayerName', () => {
  it.each([
    ['Kelly Oubre Jr.', 'kelly oubre'],
    ['P.J. Tucker', 'pj tucker'],
    ['PJ Tucker', 'pj tucker'],
    ["De'Aaron Fox", 'deaaron fox'],
    ['De’Anthony Melton', 'deanthony melton'],
    ['Nikola Jokić', 'nikola jokic'],
    ['Jaren Jackson Jr', 'jaren jackson'],
    ['Gary Payton II', 'gary payton'],
    ['  Luka   Dončić ', 'luka doncic'],
    ['Kyle Lowry (Phi)', 'kyle lowry'],
    ['Jalen (2001) Johnson', 'jalen johnson'],
  ])('%s → %s', (name, normalized) => {
    expect(normalizePlayerName(name)).toBe(normalized);
  });
});
